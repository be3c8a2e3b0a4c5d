package org.lockwitness.samples.lockmgr;

import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.Synch;
import org.lockwitness.samples.workload.Variant;

/**
 * {@code buf_daemon} and {@code bd_wakeup}: writers of dirty buffers set {@code bd_request} under a
 * spin lock and wake the daemon. Buggy: the daemon checks the request under the spin lock, drops
 * it and then sleeps — a wakeup in between is lost. Fixed: DragonFly's {@code tsleep_interlock}
 * before the spin lock is dropped, then {@code tsleep(PINTERLOCKED)}.
 *
 * <p>Design: before writing, the daemon looks at each buffer's lock count ({@code BUF_REFCNT}, a
 * {@code lockcount} under the lock's interlock) the way {@code vfs_bio_awrite} checks a cluster's
 * neighbours: without the bufqueue token. With a token interlock that brief hold can make a
 * {@code brelse} on another CPU block in {@code BUF_UNLOCK}, which gives up its bufqueue token
 * with the buffer already back on a free queue but still locked.
 *
 * <p>Thread-safety: {@code request} is guarded by the spin mutex "bd_request".
 */
final class BufDaemon {

    static final int SPINS = 64;
    static final int WAIT_TICKS = 4;

    private final BufQueues queues;
    private final Variant variant;
    private final Mtx spin = new Mtx("bd_request", Mtx.SPIN);
    /** The wait channel {@code &bd_request}: a character sequence, so reports name it. */
    private final CharSequence bdRequest = new StringBuilder("bd_request");
    private boolean request;
    private int written;
    private volatile int passes;
    private int clustered;

    BufDaemon(BufQueues queues, Variant variant) {
        this.queues = queues;
        this.variant = variant;
    }

    /** {@code bd_wakeup}: ask the daemon to write. */
    void wakeup() {
        spin.lockSpin();
        request = true;
        spin.unlockSpin();
        Synch.wakeup(bdRequest);
    }

    /**
     * {@code bd_wakeup}, then wait for the daemon to finish a pass over the dirty buffers: a short
     * spin, then up to {@link #WAIT_TICKS} ticks.
     *
     * @return whether the daemon made the pass
     */
    boolean flushAndWait() {
        int before = passes;
        wakeup();
        for (int i = 0; i < SPINS && passes == before; i++) {
            Machine.cpuSpinwait();
        }
        for (int t = 0; t < WAIT_TICKS && passes == before; t++) {
            Synch.pause("bdwait", 1);
        }
        return passes != before;
    }

    /** The daemon's loop: wait for a request, then write every dirty buffer it can lock. */
    void run() {
        for (;;) {
            waitForRequest();
            flush();
            passes++;
        }
    }

    private void waitForRequest() {
        spin.lockSpin();
        while (!request) {
            if (variant == Variant.BUGGY) {
                spin.unlockSpin();
                Synch.tsleep(bdRequest, 0, "psleep", 0);
            } else {
                Synch.tsleepInterlock(bdRequest);
                spin.unlockSpin();
                Synch.tsleep(bdRequest, Synch.PINTERLOCKED, "psleep", 0);
            }
            spin.lockSpin();
        }
        request = false;
        spin.unlockSpin();
    }

    /** Write every dirty buffer, counting the idle neighbours it could cluster with ({@code BUF_REFCNT}). */
    private void flush() {
        Buf bp;
        while ((bp = queues.takeDirty()) != null) {
            for (Buf neighbour : queues.all()) {
                if (neighbour != bp && neighbour.lock.lockstatus() == 0) {
                    clustered++;
                }
            }
            bp.dirty = false;
            written++;
            queues.brelse(bp);
        }
    }

    /** @return buffers written */
    int written() {
        return written;
    }

    /** @return idle neighbours seen by the cluster checks */
    int clustered() {
        return clustered;
    }
}
