package org.lockwitness.agent.runtime.jlock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * Finds real deadlocks among instrumented Java locks: a cycle of threads, each blocked on a lock
 * the next one holds, seen in two consecutive scans with every thread of it blocked or parked.
 * Reported once as {@code DEADLOCK}, with the locks, the threads, where each blocks, the locks each
 * holds and where it took them, and each one's stack when stacks are on; the reports are written at
 * once, so that they exist when a test runner kills the JVM. Virtual threads are threads like any
 * other here (the JDK's {@code ThreadMXBean.findDeadlockedThreads} does not see them).
 *
 * <p>Design: each thread publishes the lock it is about to block on ({@link JThread#waitInstance},
 * volatile, written after the lock's object and name) and clears it when the acquire returns or
 * throws; the locks it holds are its mirror. A scan maps every held instance to a holder, follows
 * each waiter to the holder of what it waits for, and keeps the cycles; a cycle is reported when the
 * previous scan saw the same threads waiting on the same instances and each thread's state says it
 * is blocked ({@code BLOCKED}, {@code WAITING}, {@code TIMED_WAITING}). Holders are read without
 * synchronization: a thread that is really blocked has not changed its mirror since it published its
 * wait, which orders those writes before the scan's read; a thread that is running may be misread,
 * but then it is not in the same cycle in the next scan. Self-waits (a thread blocked on a
 * {@code StampedLock} it holds) are the witness's {@code RECURSION}, not a cycle here.
 *
 * <p>Thread-safety: {@link #scan} is synchronized; it runs on the sweeper thread, and when
 * {@code main} returns and at exit.
 */
final class Watchdog {

    private Set<String> previous = Set.of();
    private final Set<String> reported = new HashSet<>();

    synchronized void scan(Witness w, List<JThread> live) {
        List<JThread> waiting = new ArrayList<>();
        for (JThread t : live) {
            if (t.waitInstance != 0L) {
                waiting.add(t);
            }
        }
        if (waiting.size() < 2) {
            previous = Set.of();
            return;
        }
        Map<Long, JThread> holders = holders(live);
        Set<String> now = new HashSet<>();
        for (JThread start : waiting) {
            List<JThread> cycle = cycleFrom(start, holders);
            if (cycle.size() < 2 || !allBlocked(cycle)) {
                continue;
            }
            String key = key(cycle);
            now.add(key);
            if (previous.contains(key) && reported.add(key)) {
                report(w, cycle);
            }
        }
        previous = now;
    }

    private static Map<Long, JThread> holders(List<JThread> live) {
        Map<Long, JThread> holders = new HashMap<>();
        for (JThread t : live) {
            long[] instances = t.instances;
            int n = Math.min(t.depth, instances.length);
            for (int i = 0; i < n; i++) {
                holders.putIfAbsent(instances[i], t);
            }
        }
        return holders;
    }

    /** The cycle of waiters that {@code start} leads into, thread i waiting for thread i + 1; empty if none. */
    private static List<JThread> cycleFrom(JThread start, Map<Long, JThread> holders) {
        List<JThread> path = new ArrayList<>();
        JThread cur = start;
        while (cur != null && !path.contains(cur)) {
            path.add(cur);
            long wait = cur.waitInstance;
            JThread holder = wait == 0L ? null : holders.get(wait);
            cur = holder == cur ? null : holder;
        }
        return cur == null ? List.of() : path.subList(path.indexOf(cur), path.size());
    }

    private static boolean allBlocked(List<JThread> cycle) {
        for (JThread t : cycle) {
            Thread.State s = t.thread.getState();
            if (s != Thread.State.BLOCKED && s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
                return false;
            }
        }
        return true;
    }

    /** The cycle's threads and the instances they wait on, from its smallest thread id on. */
    private static String key(List<JThread> cycle) {
        List<String> parts = new ArrayList<>();
        for (JThread t : cycle) {
            parts.add(t.thread.getId() + ":" + t.waitInstance);
        }
        parts.sort(null);
        return String.join(",", parts);
    }

    private static void report(Witness w, List<JThread> cycle) {
        List<String> locks = new ArrayList<>();
        List<WitnessThread> waiters = new ArrayList<>();
        for (JThread t : cycle) {
            Object lock = t.waitObject;
            locks.add(lock == null ? "?" : LockNames.display(lock, t.waitName));
            waiters.add(t.existingHandle());
        }
        w.javaDeadlock(locks, waiters);
        try {
            w.writeReports();
        } catch (RuntimeException e) {
            System.err.println("lockwitness: a deadlock was found but the report could not be written: " + e);
        }
    }
}
