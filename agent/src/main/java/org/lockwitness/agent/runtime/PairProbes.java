package org.lockwitness.agent.runtime;

import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.LockObject;
import org.lockwitness.kernel.Snapshot;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The probes of a lock pair, the model's hottest path: the order check on entry to a blocking
 * acquire ({@code @Acquire}), the hold when it returns, and the release ({@code @Release}). Public
 * because the calls are woven into model classes; not an API for anyone else.
 *
 * <p>Design: each event has an entry point of its own, so that the JIT compiles each for its one
 * event, where one method with a switch over all lock events ({@link Probes#lockEvent}, which the
 * rarer events keep) was compiled once for all of them and called with the event as an argument.
 * Side by side, pinned to one core, the {@code Mtx} pair under the agent took about 9 ns less. The
 * acquire's entry returns the thread's {@link PerThread}, which the woven code keeps in a local and
 * hands to the call on return, so the hold does not look the thread up again; the state is the
 * same, as a method returns on the thread that called it. Otherwise each does what
 * {@link Probes#lockEvent} does: the reentrancy guard, the event trace, the witness call, and every
 * throwable turned into a {@code CHECKER_FAULT} finding through {@link Witness#fault}; but only the
 * acquire's entry copies the context into the witness's handle before its call. The hold and the
 * release first try the witness's common case ({@link Witness#acquiredCommon},
 * {@link Witness#releaseCommon}), which reads no context, and copy it only for the full event when
 * that declines: side by side, pinned to one core, the {@code Mtx} pair took about 6 ns less.
 *
 * <p>Thread-safety: each call acts for the calling thread; the witness is thread-safe.
 */
public final class PairProbes {

    private static final Witness W = ProbeRuntime.witness();
    private static final String FAULT_LOCK = ProbeRuntime.faultLock();

    private PairProbes() {
    }

    /**
     * {@code @Acquire} on entry: the order check, before the lock may block.
     *
     * @param lock the lock
     * @param arg the witness {@code OpFlags}
     * @return the calling thread's state, to be handed to {@link #acquired} when the method
     *     returns; null when the thread is not a kernel thread or is inside the agent already
     */
    public static Object acquire(LockObject lock, int arg) {
        PerThread pt = null;
        try {
            KThread td = KThread.current();
            pt = Probes.enter(td);
            if (pt != null) {
                try {
                    WitnessThread t = Probes.begin(pt, td, Probes.ACQUIRE, lock.name().hashCode());
                    if (t != null) {
                        checkOrder(pt, t, lock, arg);
                    }
                } finally {
                    pt.busy = false;
                }
            }
        } catch (Throwable e) {
            W.fault(e, "probe " + Probes.ACQUIRE);
        }
        return pt;
    }

    /**
     * {@code @Acquire} on normal return: the lock is held.
     *
     * @param state what {@link #acquire} returned on entry to the same call
     * @param lock the lock
     * @param arg the witness {@code OpFlags}
     */
    public static void acquired(Object state, LockObject lock, int arg) {
        if (state instanceof PerThread pt && !pt.busy) {
            try {
                pt.busy = true;
                try {
                    Snapshot s = pt.kthread.snapshot();
                    WitnessThread t = Probes.traced(pt, s, Probes.ACQUIRED, lock.name().hashCode());
                    if (t != null) {
                        int id = LockIds.of(W, lock);
                        long instance = lock.id();
                        endSpin(pt, instance);
                        if (!W.acquiredCommon(t, id, instance, pt.site, arg)) {
                            W.acquired(Probes.copy(t, s), id, instance, pt.site, arg);
                        }
                    }
                } finally {
                    pt.busy = false;
                }
            } catch (Throwable e) {
                W.fault(e, "probe " + Probes.ACQUIRED);
            }
        }
    }

    /**
     * {@code @Release} on entry.
     *
     * @param lock the lock
     * @param arg the witness {@code OpFlags}
     */
    public static void release(LockObject lock, int arg) {
        try {
            KThread td = KThread.current();
            PerThread pt = Probes.enter(td);
            if (pt == null) {
                return;
            }
            try {
                Snapshot s = td.snapshot();
                WitnessThread t = Probes.traced(pt, s, Probes.RELEASE, lock.name().hashCode());
                if (t != null) {
                    int id = LockIds.of(W, lock);
                    long instance = lock.id();
                    if (!W.releaseCommon(t, id, instance, arg)) {
                        W.release(Probes.copy(t, s), id, instance, pt.site, arg);
                    }
                }
            } finally {
                pt.busy = false;
            }
        } catch (Throwable e) {
            W.fault(e, "probe " + Probes.RELEASE);
        }
    }

    private static void checkOrder(PerThread pt, WitnessThread t, LockObject lock, int arg) {
        if (FAULT_LOCK != null && FAULT_LOCK.equals(lock.name())) {
            throw new IllegalStateException("lockwitness test hook: injected checker fault");
        }
        W.checkOrder(t, LockIds.of(W, lock), lock.id(), pt.site, arg, 0L);
    }

    /** A try-acquire held the lock: the spin-wait progress on it ends, and the witness records the hold. */
    static void held(PerThread pt, WitnessThread t, int id, long instance, int arg) {
        endSpin(pt, instance);
        W.acquired(t, id, instance, pt.site, arg);
    }

    /** The lock is held: the spin-wait progress on it ends. */
    private static void endSpin(PerThread pt, long instance) {
        if (pt.spinInstance == instance) {
            pt.spinInstance = 0;
        }
    }
}
