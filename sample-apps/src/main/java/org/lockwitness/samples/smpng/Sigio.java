package org.lockwitness.samples.smpng;

import org.lockwitness.kernel.Mtx;
import org.lockwitness.samples.workload.Variant;

/**
 * SIGIO ownership ({@code kern_descrip.c}): the global mutex "sigio lock" guards every object's
 * {@code struct sigio} pointer and is taken before the owner's process lock ({@code fsetown},
 * {@code pgsigio}), as WITNESS's declared chain says. The handbook warns against calling the SIGIO
 * functions with a structure lock held; the buggy exit path calls {@code funsetown} with the
 * process locked.
 *
 * <p>Thread-safety: the owner is guarded by the sigio lock, the process's list by its process lock.
 */
final class Sigio {

    private final Mtx sigioLock = new Mtx("sigio lock", Mtx.DEF);
    private Proc owner;

    /** {@code fsetown}: sigio lock, then the owner's process lock. */
    void fsetown(Proc p) {
        sigioLock.lock();
        p.lock();
        owner = p;
        p.sigioOwner = true;
        p.unlock();
        sigioLock.unlock();
    }

    /** {@code pgsigio}: signal the owner. */
    void pgsigio() {
        sigioLock.lock();
        Proc p = owner;
        if (p != null) {
            p.lock();
            p.psignal();
            p.unlock();
        }
        sigioLock.unlock();
    }

    /** {@code funsetown}: must be called without structure locks; takes the sigio lock. */
    void funsetown() {
        sigioLock.lock();
        owner = null;
        sigioLock.unlock();
    }

    /**
     * The SIGIO part of {@code exit1}: buggy, under the exiting process's lock (process, then
     * sigio); fixed, before taking it.
     */
    void exit(Proc p, Variant variant) {
        if (variant == Variant.BUGGY) {
            p.lock();
            funsetown();
            p.sigioOwner = false;
            p.unlock();
        } else {
            funsetown();
            p.lock();
            p.sigioOwner = false;
            p.unlock();
        }
    }
}
