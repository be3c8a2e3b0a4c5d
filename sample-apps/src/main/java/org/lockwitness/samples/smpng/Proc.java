package org.lockwitness.samples.smpng;

import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.probe.LockWrapper;

/**
 * A process ({@code struct proc}) as SMPng locks it: the per-process mutex "process lock"
 * ({@code p_mtx}, DUPOK because a parent and a child may be locked together), and the parent
 * pointer, which is read under either the proctree sx or the process lock and written under both.
 *
 * <p>Thread-safety: {@code parent} as above; {@code signals} and {@code sigio} under the process lock.
 */
final class Proc {

    final int pid;
    final Mtx mtx = new Mtx("process lock", Mtx.DEF | Mtx.DUPOK);
    Proc parent;
    int signals;
    boolean sigioOwner;

    Proc(int pid, Proc parent) {
        this.pid = pid;
        this.parent = parent;
    }

    /** {@code PROC_LOCK}. */
    @LockWrapper
    void lock() {
        mtx.lock();
    }

    /** {@code PROC_UNLOCK}. */
    @LockWrapper
    void unlock() {
        mtx.unlock();
    }

    /** {@code psignal}: post a signal; called with the process locked. */
    void psignal() {
        mtx.assertOwned();
        signals++;
    }
}
