package org.lockwitness.samples.lockmgr;

import org.lockwitness.kernel.LockMgr;
import org.lockwitness.kernel.Token;
import org.lockwitness.kernel.probe.LockWrapper;
import org.lockwitness.samples.workload.Variant;

/**
 * A buffer header ({@code struct buf}): its lockmgr lock "bufwait" ({@code BUF_LOCK}), the queue
 * it is on ({@code b_qindex}) and whether it holds data not yet written. Buggy: the lock's
 * interlock is an LWKT token, as DragonFly had it until November 2005; fixed: a spin lock.
 *
 * <p>Thread-safety: {@code qindex} is guarded by the buffer-queue token, {@code dirty} by the
 * buffer's lock.
 */
final class Buf {

    static final int QUEUE_NONE = 0;
    static final int QUEUE_CLEAN = 1;
    static final int QUEUE_DIRTY = 2;

    final int id;
    final LockMgr lock;
    int qindex = QUEUE_NONE;
    boolean dirty;

    Buf(int id, Variant variant) {
        this.id = id;
        this.lock = variant == Variant.BUGGY
                ? LockMgr.withTokenInterlock("bufwait", 0, new Token("buf" + id + " interlock"))
                : new LockMgr("bufwait", 0);
    }

    /** {@code BUF_LOCK(bp, LK_EXCLUSIVE | LK_NOWAIT)}. @return 0 or {@link LockMgr#EBUSY} */
    @LockWrapper
    int tryLock() {
        return lock.lock(LockMgr.LK_EXCLUSIVE | LockMgr.LK_NOWAIT);
    }

    /** {@code BUF_UNLOCK}. */
    @LockWrapper
    void unlock() {
        lock.lock(LockMgr.LK_RELEASE);
    }

    @Override
    public String toString() {
        return "0x" + Integer.toHexString(0xc0de00 + id);
    }
}
