package org.lockwitness.agent.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.LockObject;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The static methods that the inlined advice of the model's cold probes calls: sleeps, required
 * locks, lock construction, and the machine's verdicts (deadlock, lost wakeup, wakeup with no
 * sleeper, panic). Each turns one probe into one witness event, as {@link Probes} does for the lock
 * and context events; public for the same reason (inlined advice calls it from model classes), not
 * an API for anyone else.
 *
 * <p>Design: unlike {@link Probes}' hot events, these may run on any thread, kernel or not, and may
 * allocate; each runs under the calling thread's reentrancy guard, taken from
 * {@link PerThread#get()}, and turns what it throws into a {@code CHECKER_FAULT} finding. A kernel
 * thread's context is copied by {@link Probes#begin}, the same code as the hot path's. Kept apart
 * from {@link Probes} so that the hot path's class holds only the hot path; a woven call goes
 * straight to its class, so the split adds no hop.
 *
 * <p>Thread-safety: each call acts for the calling thread; the witness is thread-safe, and the last
 * sleep sites are a concurrent map.
 */
public final class ColdProbes {

    private static final Witness W = ProbeRuntime.witness();
    /** The site of each kernel thread's last sleep, by thread name, for the model's end-of-run LOST_WAKEUP. */
    private static final Map<String, Integer> LAST_SLEEP_SITE = new ConcurrentHashMap<>();

    private ColdProbes() {
    }

    /**
     * {@code @Sleep}.
     *
     * @param interlock the interlock argument, a {@code LockObject}, or null
     * @param wmesg the wait-message argument, or null
     * @param cv whether it is a condition-variable wait ({@code @Sleep(cv = true)})
     */
    public static void sleep(Object interlock, Object wmesg, boolean cv) {
        cold("sleep probe", pt -> {
            KThread td = KThread.current();
            WitnessThread t = td == null ? null : Probes.begin(pt, td, Probes.SLEEP, 0);
            if (t != null) {
                long instance = interlock instanceof LockObject l ? l.id() : 0L;
                String what = wmesg == null ? "?" : wmesg.toString();
                if (cv) {
                    W.cvWait(t, what, instance, pt.site);
                } else {
                    W.sleep(t, what, instance, pt.site);
                }
                LAST_SLEEP_SITE.put(td.name(), pt.site);
            }
        });
    }

    /**
     * {@code @Requires}: the method was entered.
     *
     * @param lockName the lock (class) name required
     * @param site the site registered for the method
     */
    public static void required(String lockName, int site) {
        cold("requires probe", pt -> {
            KThread td = KThread.current();
            WitnessThread t = td == null ? null : Probes.begin(pt, td, Probes.REQUIRES, lockName.hashCode());
            if (t != null) {
                W.required(t, lockName, site);
            }
        });
    }

    /**
     * {@code @LockInit}: enrolls the lock's class and caches its id in the lock. Runs on any
     * thread, kernel or not.
     *
     * @param lock the lock just constructed
     */
    public static void lockInit(LockObject lock) {
        cold("lock init probe", pt -> {
            EventTrace.record(Probes.LOCK_INIT, 0, -1, 0, false, 0, lock.name().hashCode());
            LockIds.of(W, lock);
        });
    }

    /**
     * {@code @Deadlock}: the machine is stuck in a cycle of waiters. Runs on any thread.
     *
     * @param locks the lock names of the cycle
     * @param threads the thread names, thread i waiting for lock i
     */
    public static void deadlock(String[] locks, String[] threads) {
        cold("deadlock probe", pt -> {
            EventTrace.record(Probes.DEADLOCK, 0, -1, 0, false, 0, locks.length);
            W.deadlock(List.of(locks), List.of(threads));
        });
    }

    /**
     * {@code @LostWakeup}: a thread sleeps forever on an ident whose wakeup came too early. Runs on
     * any thread.
     *
     * @param ident the wait channel's description
     * @param thread the sleeping thread's name
     * @param waker the name of the thread whose wakeup came too early
     * @param step the scheduling point of that wakeup
     * @param sleeper the sleeping thread's host stack
     */
    public static void lostWakeup(String ident, String thread, String waker, long step, StackTraceElement[] sleeper) {
        cold("lost wakeup probe", pt -> {
            EventTrace.record(Probes.LOST_WAKEUP, 0, -1, 0, false, 0, ident.hashCode());
            W.lostWakeup(ident, thread, waker, step, LAST_SLEEP_SITE.getOrDefault(thread, pt.site),
                    sleeper == null ? List.of() : List.of(sleeper));
        });
    }

    /**
     * {@code @WakeupLost}: a wakeup found no sleeper, on the waking kernel thread.
     *
     * @param ident the wait channel's description
     * @param step the scheduling point of the wakeup
     */
    public static void wakeupLost(String ident, long step) {
        cold("wakeup lost probe", pt -> {
            KThread td = KThread.current();
            WitnessThread t = td == null ? null : Probes.begin(pt, td, Probes.WAKEUP_LOST, ident.hashCode());
            if (t != null) {
                W.noSleeper(t, ident, step, pt.site);
            }
        });
    }

    /**
     * {@code @Panic}: the model panics on the calling kernel thread, before its machine halts. Not
     * an event of the trace: the thread's latest finding, if at this site, explains it.
     *
     * @param message the panic message
     */
    public static void panic(String message) {
        cold("panic probe", pt -> {
            KThread td = KThread.current();
            WitnessThread t = td == null ? null : Probes.handle(pt, td);
            if (t != null) {
                W.runs().panicked(t, String.valueOf(message), pt.site);
            }
        });
    }

    /**
     * Runs a probe that is not on a hot path under the reentrancy guard, recording what it throws
     * as a fault. Unlike the lock and context events it may run on any thread and may allocate.
     */
    private static void cold(String where, Consumer<PerThread> probe) {
        try {
            PerThread pt = PerThread.get();
            if (pt.busy) {
                return;
            }
            pt.busy = true;
            try {
                probe.accept(pt);
            } finally {
                pt.busy = false;
            }
        } catch (Throwable e) {
            W.fault(e, where);
        }
    }
}
