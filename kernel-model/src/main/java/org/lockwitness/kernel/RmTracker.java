package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.Shared;

/**
 * One read hold of an {@link RmLock} ({@code struct rm_priotracker}). The reader supplies it to
 * {@link RmLock#rlock} and gives the same one back to {@link RmLock#runlock}; while the hold lasts it
 * sits on the per-CPU tracker queue of the reader's CPU, and perhaps on the lock's list of active
 * readers that a writer waits out.
 *
 * <p>Thread-safety: owned by the reading thread, except {@code rmp_flags}, which the rendezvous
 * handler {@code rm_cleanIPI} on the reader's CPU and the writer (under "rm_spinlock") set. A
 * tracker serves one hold at a time.
 */
public final class RmTracker {

    /** {@code RMPF_ONQUEUE}: on the lock's active-reader list. */
    static final int RMPF_ONQUEUE = 1;
    /** {@code RMPF_SIGNAL}: a writer waits for this reader. */
    static final int RMPF_SIGNAL = 2;

    /** {@code rmp_flags}. */
    @Shared
    int flags;
    /** {@code rmp_thread}. */
    KThread thread;
    /** {@code rmp_rmlock}. */
    RmLock rmlock;

    /** Creates a tracker for one read hold at a time. */
    public RmTracker() {
    }
}
