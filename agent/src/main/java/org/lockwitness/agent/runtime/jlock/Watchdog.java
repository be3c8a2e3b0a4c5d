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
 * block publishes no wait, and nothing runs after its {@code monitorenter} to say it has entered:
 * the monitor is its newest hold, marked as perhaps not yet entered
 * ({@link HeldMirror#racyTopEntering}, with the site's name), and it is the thread's wait only
 * while the thread is {@code BLOCKED} on it. Nor can a {@code synchronized} method's wait be
 * published: the JVM takes its monitor before the method's first instruction. So for each thread
 * that is {@code BLOCKED} without a published wait the scan asks {@code ThreadMXBean} which monitor
 * it waits for (its identity hash is the instance): the marked newest hold, which is then its wait
 * at its latest order check, or another monitor, held by a live thread, which is its wait at the
 * line of the call. The JDK does not answer for virtual threads: one that is {@code BLOCKED} with a
 * marked newest hold is taken to wait for it, and one blocked entering a {@code synchronized}
 * method stays unseen. A thread that has not published a wait has not moved its newest hold into
 * its mirror's arrays (a published wait does that first), so the holders of a scan include each
 * thread's newest hold as well ({@link HeldMirror#racyTopInstance}), unless it is a monitor its
 * thread is blocked entering, which is not held yet. A scan maps every held instance to a holder,
 * follows each waiter to the holder of what it waits for, and keeps the cycles; a cycle is reported
 * when the previous scan saw the same threads waiting on the same instances and each thread's state
 * says it is blocked ({@code BLOCKED}, {@code WAITING}, {@code TIMED_WAITING}). Holders are read
 * without synchronization: a thread that is really blocked has not changed its mirror since it
 * published its wait, which orders those writes before the scan's read, or since its
 * {@code monitorenter} began, whose atomic instruction made them visible; a thread that is running
 * may be misread, but then it is not in the same cycle in the next scan. Self-waits (a thread
 * blocked on a {@code StampedLock} it holds) are the witness's {@code RECURSION}, not a cycle here.
 *
 * <p>Thread-safety: {@link #scan} is synchronized; it runs on the sweeper thread, and when
 * {@code main} returns and at exit.
 */
final class Watchdog {

    /**
     * What one thread waits for in one scan: the lock's instance, its object and site name, where
     * the thread blocks when it did not publish it (null: its latest order check), and whether it
     * is the monitor its newest hold marks as perhaps not yet entered, which its thread is blocked
     * entering, so that the hold is its wait (the witness was told of it before
     * {@code monitorenter}).
     */
    private record Wait(long instance, Object lock, int name, String at, boolean entering) {
    }

    private Set<String> previous = Set.of();
    private final Set<String> reported = new HashSet<>();
    /** {@code java.management} is not in the run-time image. */
    private boolean noManagement;

    synchronized void scan(Witness w, List<JThread> live) {
        Map<JThread, Wait> waits = new LinkedHashMap<>();
        for (JThread t : live) {
            long instance = t.waitInstance;
            if (instance != 0L) {
                waits.put(t, new Wait(instance, t.waitObject, t.waitName, null, false));
            }
        }
        List<JThread> blocked = blockedUnpublished(live, waits);
        if (waits.size() + blocked.size() < 2) {
            previous = Set.of();
            return;
        }
        Map<JThread, ThreadInfo> elsewhere = monitorEntries(blocked, waits);
        Map<Long, JThread> holders = holders(live, waits);
        elsewhere.forEach((t, info) -> {
            long instance = instanceOfHash(info.getLockInfo().getIdentityHashCode());
            JThread holder = holders.get(instance);
            Object held = holder == null ? null : heldObject(holder, instance);
            if (held != null) {
                waits.put(t, new Wait(instance, held, 0, blockedAt(info.getStackTrace()), false));
            }
        });
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
     * Who holds each instance, by the threads' mirrors. A newest hold that is a monitor its thread
     * is blocked entering ({@link Wait#entering}) is what that thread waits for: not a hold.
     */
    private static Map<Long, JThread> holders(List<JThread> live, Map<JThread, Wait> waits) {
        Map<Long, JThread> holders = new HashMap<>();
        for (JThread t : live) {
            long[] instances = t.instances;
            int n = Math.min(t.racyDepth(), instances.length);
            for (int i = 0; i < n; i++) {
                holders.putIfAbsent(instances[i], t);
            }
            long top = t.racyTopInstance();
            Wait wait = waits.get(t);
            if (top != 0L && (wait == null || !wait.entering() || wait.instance() != top)) {
                holders.putIfAbsent(top, t);
            }
        }
        return holders;
    }

    /** The threads blocked on a monitor without having published it (entering a {@code synchronized} block or method). */
    private static List<JThread> blockedUnpublished(List<JThread> live, Map<JThread, Wait> waits) {
        List<JThread> blocked = new ArrayList<>();
        for (JThread t : live) {
            if (!waits.containsKey(t) && t.thread.getState() == Thread.State.BLOCKED) {
                blocked.add(t);
            }
        }
        return blocked;
    }

    /**
     * The waits of threads blocked entering a monitor they did not publish. A thread blocked
     * entering the monitor its newest hold marks as perhaps not yet entered
     * ({@link HeldMirror#racyTopEntering}, a {@code synchronized} block's) waits for it: it is
     * added to {@code waits} as {@link Wait#entering}. For a platform thread {@code ThreadMXBean}
     * says which monitor it is blocked on; the JDK does not answer for virtual threads (nor for any
     * thread when {@code java.management} is missing), so a thread it does not answer for that is
     * {@code BLOCKED} with such a newest hold is taken to be entering it (it could instead have
     * entered it and be blocked entering a monitor of code that was not woven, a wait the watchdog
     * cannot follow anyway). The platform threads blocked on another monitor (entering a
     * {@code synchronized} method) are returned with what the JDK said of them, for the caller to
     * add once it knows the holders.
     */
    private Map<JThread, ThreadInfo> monitorEntries(List<JThread> blocked, Map<JThread, Wait> waits) {
        Map<JThread, ThreadInfo> elsewhere = new LinkedHashMap<>();
        ThreadInfo[] infos = threadInfos(blocked);
        for (int i = 0; i < blocked.size(); i++) {
            JThread t = blocked.get(i);
            long top = t.racyTopInstance();
            boolean entering = top != 0L && t.racyTopEntering();
            LockInfo lock = infos[i] == null ? null : infos[i].getLockInfo();
            if (lock == null) {
                if (infos[i] == null && entering) {
                    waits.put(t, new Wait(top, t.racyTopObject(), t.racyTopName(), null, true));
                }
                continue;
            }
            long instance = instanceOfHash(lock.getIdentityHashCode());
            if (entering && instance == top) {
                waits.put(t, new Wait(top, t.racyTopObject(), t.racyTopName(), null, true));
            } else {
                elsewhere.put(t, infos[i]);
            }
        }
        return elsewhere;
    }

    /**
     * What {@code ThreadMXBean} says of each blocked thread, with its stack's two newest frames;
     * null for a virtual thread, one that has ended, or each of them when {@code java.management}
     * is not in the run-time image.
     */
    private ThreadInfo[] threadInfos(List<JThread> blocked) {
        ThreadInfo[] none = new ThreadInfo[blocked.size()];
        if (noManagement || blocked.isEmpty()) {
            return none;
        }
        long[] ids = new long[blocked.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = blocked.get(i).thread.getId();
        }
        try {
            return ManagementFactory.getThreadMXBean().getThreadInfo(ids, 2);
        } catch (LinkageError e) {
            // a run-time image without java.management: synchronized-method waits stay unseen
            noManagement = true;
            return none;
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
        long[] entering = new long[cycle.size()];
        for (int i = 0; i < cycle.size(); i++) {
            JThread t = cycle.get(i);
            Wait wait = waits.get(t);
            locks.add(name(wait));
            waiters.add(t.existingHandle());
            blockedAt.add(wait.at());
            entering[i] = wait.entering() ? wait.instance() : 0L;
        }
        w.javaDeadlock(locks, waiters, blockedAt, entering);
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
