package org.lockwitness.agent.runtime.jlock;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * stored with release semantics after the lock's object and name) and clears it when the acquire
 * returns or throws; the locks it holds are its mirror. A thread entering a {@code synchronized}
 * block publishes no wait: the monitor it is about to enter is its newest hold, marked as being
 * entered ({@link HeldMirror#racyTopEntering}, with the site's name), until it has entered it, and
 * that is its wait. One wait cannot be published: the JVM takes a {@code synchronized} method's
 * monitor before the method's first instruction, so a thread blocked there has said nothing. For a
 * platform thread that is {@code BLOCKED} without a published wait, the scan asks
 * {@code ThreadMXBean} which monitor it waits for (its identity hash is the instance) and where
 * (the line of the call); the JDK does not answer for virtual threads, so a virtual thread blocked
 * entering a {@code synchronized} method stays unseen. Such a thread has not moved its newest hold
 * into its mirror's arrays (a published wait does that first), so the holders of a scan include
 * each thread's newest hold as well ({@link HeldMirror#racyTopInstance}), unless it is a monitor
 * being entered, which is not held yet. A scan maps every held instance to a holder, follows each
 * waiter to the holder of what it waits for, and keeps the cycles; a cycle is reported when the
 * previous scan saw the same threads waiting on the same instances and each thread's state says it
 * is blocked ({@code BLOCKED}, {@code WAITING}, {@code TIMED_WAITING}). Holders are read without
 * synchronization: a thread that is really blocked has not changed its mirror since it published
 * its wait, which orders those writes before the scan's read, or since its {@code monitorenter}
 * began, whose atomic instruction made them visible; a thread that is running may be misread, but
 * then it is not in the same cycle in the next scan. Self-waits (a thread blocked on a
 * {@code StampedLock} it holds) are the witness's {@code RECURSION}, not a cycle here.
 *
 * <p>Thread-safety: {@link #scan} is synchronized; it runs on the sweeper thread, and when
 * {@code main} returns and at exit.
 */
final class Watchdog {

    /**
     * What one thread waits for in one scan: the lock's instance, its object and site name, and
     * where the thread blocks when it did not publish it (null: its latest order check).
     */
    private record Wait(long instance, Object lock, int name, String at) {
    }

    private Set<String> previous = Set.of();
    private final Set<String> reported = new HashSet<>();
    /** {@code java.management} is not in the run-time image. */
    private boolean noManagement;

    synchronized void scan(Witness w, List<JThread> live) {
        Map<JThread, Wait> waits = new LinkedHashMap<>();
        for (JThread t : live) {
            long instance = t.waitInstance;
            long top = t.racyTopInstance();
            if (instance != 0L) {
                waits.put(t, new Wait(instance, t.waitObject, t.waitName, null));
            } else if (top != 0L && t.racyTopEntering()) {
                waits.put(t, new Wait(top, t.racyTopObject(), t.racyTopName(), null));
            }
        }
        List<JThread> blocked = blockedUnpublished(live, waits);
        if (waits.size() + blocked.size() < 2) {
            previous = Set.of();
            return;
        }
        Map<Long, JThread> holders = holders(live);
        monitorEntries(blocked, waits, holders);
        if (waits.size() < 2) {
            previous = Set.of();
            return;
        }
        Set<String> now = new HashSet<>();
        for (JThread start : waits.keySet()) {
            List<JThread> cycle = cycleFrom(start, waits, holders);
            if (cycle.size() < 2 || !allBlocked(cycle)) {
                continue;
            }
            String key = key(cycle, waits);
            now.add(key);
            if (previous.contains(key) && reported.add(key)) {
                report(w, cycle, waits);
            }
        }
        previous = now;
    }

    /**
     * Who holds each instance, by the threads' mirrors. A newest hold of a monitor being entered
     * ({@link HeldMirror#racyTopEntering}) is what its thread waits for: not a hold.
     */
    private static Map<Long, JThread> holders(List<JThread> live) {
        Map<Long, JThread> holders = new HashMap<>();
        for (JThread t : live) {
            long[] instances = t.instances;
            int n = Math.min(t.racyDepth(), instances.length);
            for (int i = 0; i < n; i++) {
                holders.putIfAbsent(instances[i], t);
            }
            long top = t.racyTopInstance();
            if (top != 0L && !t.racyTopEntering()) {
                holders.putIfAbsent(top, t);
            }
        }
        return holders;
    }

    /** The threads blocked on a monitor without having published it (entering a {@code synchronized} method). */
    private List<JThread> blockedUnpublished(List<JThread> live, Map<JThread, Wait> waits) {
        List<JThread> blocked = new ArrayList<>();
        if (noManagement) {
            return blocked;
        }
        for (JThread t : live) {
            if (!waits.containsKey(t) && t.thread.getState() == Thread.State.BLOCKED) {
                blocked.add(t);
            }
        }
        return blocked;
    }

    /**
     * Adds the waits of platform threads blocked entering a monitor they did not publish (a
     * {@code synchronized} method's), when a live thread holds that monitor by its mirror.
     */
    private void monitorEntries(List<JThread> blocked, Map<JThread, Wait> waits, Map<Long, JThread> holders) {
        if (blocked.isEmpty()) {
            return;
        }
        long[] ids = new long[blocked.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = blocked.get(i).thread.getId();
        }
        ThreadInfo[] infos;
        try {
            infos = ManagementFactory.getThreadMXBean().getThreadInfo(ids, 2);
        } catch (LinkageError e) {
            // a run-time image without java.management: synchronized-method waits stay unseen
            noManagement = true;
            return;
        }
        for (int i = 0; i < infos.length; i++) {
            LockInfo lock = infos[i] == null ? null : infos[i].getLockInfo();
            if (lock == null) {
                continue;
            }
            long instance = instanceOfHash(lock.getIdentityHashCode());
            JThread holder = holders.get(instance);
            Object held = holder == null ? null : heldObject(holder, instance);
            if (held != null) {
                waits.put(blocked.get(i), new Wait(instance, held, 0, blockedAt(infos[i].getStackTrace())));
            }
        }
    }

    /**
     * Where a thread blocked entering a {@code synchronized} method waits: the method's frame has no
     * line yet (the hook that precedes its first line has not run), so the line of the call.
     */
    private static String blockedAt(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            if (f.getLineNumber() >= 0) {
                return f.getFileName() + ":" + f.getLineNumber();
            }
        }
        return null;
    }

    /** The instance of an object of this identity hash, as {@link JavaLocks#instance} makes it. */
    static long instanceOfHash(int identityHash) {
        return 0x1_0000_0000L | (identityHash & 0xFFFF_FFFFL);
    }

    private static Object heldObject(JThread holder, long instance) {
        Object top = holder.racyTopObject();
        if (holder.racyTopInstance() == instance && top != null) {
            return top;
        }
        Object[] objects = holder.objects;
        long[] instances = holder.instances;
        int n = Math.min(holder.racyDepth(), Math.min(objects.length, instances.length));
        for (int i = 0; i < n; i++) {
            if (instances[i] == instance) {
                return objects[i];
            }
        }
        return null;
    }

    /** The cycle of waiters that {@code start} leads into, thread i waiting for thread i + 1; empty if none. */
    private static List<JThread> cycleFrom(JThread start, Map<JThread, Wait> waits, Map<Long, JThread> holders) {
        List<JThread> path = new ArrayList<>();
        JThread cur = start;
        while (cur != null && !path.contains(cur)) {
            path.add(cur);
            Wait wait = waits.get(cur);
            JThread holder = wait == null ? null : holders.get(wait.instance());
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
    private static String key(List<JThread> cycle, Map<JThread, Wait> waits) {
        List<String> parts = new ArrayList<>();
        for (JThread t : cycle) {
            parts.add(t.thread.getId() + ":" + waits.get(t).instance());
        }
        parts.sort(null);
        return String.join(",", parts);
    }

    private static void report(Witness w, List<JThread> cycle, Map<JThread, Wait> waits) {
        List<String> locks = new ArrayList<>();
        List<WitnessThread> waiters = new ArrayList<>();
        List<String> blockedAt = new ArrayList<>();
        for (JThread t : cycle) {
            Wait wait = waits.get(t);
            locks.add(name(wait));
            waiters.add(t.existingHandle());
            blockedAt.add(wait.at());
        }
        w.javaDeadlock(locks, waiters, blockedAt);
        try {
            w.writeReports();
        } catch (RuntimeException e) {
            System.err.println("lockwitness: a deadlock was found but the report could not be written: " + e);
        }
    }

    /** The lock's name as the reports show it; a static {@code synchronized} method's is {@code Owner.class}. */
    private static String name(Wait wait) {
        Object lock = wait.lock();
        if (lock == null) {
            return "?";
        }
        if (wait.name() == 0 && lock instanceof Class<?> c) {
            return c.getName() + ".class";
        }
        return LockNames.display(lock, wait.name());
    }
}
