package org.lockwitness.samples.lockmgr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lockwitness.kernel.LockObject;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.Token;
import org.lockwitness.samples.workload.Variant;

/**
 * The buffer cache's queues under the LWKT token "bufqueue" and {@code getnewbuf}, which scans the
 * clean queue and takes a buffer with a non-blocking {@code BUF_LOCK}. FreeBSD 4 panicked when
 * that failed ("getnewbuf: locked buf": a buffer on a free queue is never locked); this follows
 * DragonFly's vfs_bio.c 1.52 workaround instead: the two warnings of seed 002 and a restart. With
 * a token interlock, {@code BUF_UNLOCK} in {@code brelse} and {@code BUF_LOCK} here can block on
 * the interlock, which gives up the bufqueue token, and the invariant breaks; with a spin-lock
 * interlock they cannot.
 *
 * <p>Thread-safety: the queues and every {@code qindex} are guarded by the bufqueue token.
 */
final class BufQueues {

    private final Token bufqueue = new Token("bufqueue");
    private final ArrayDeque<Buf> clean = new ArrayDeque<>();
    private final ArrayDeque<Buf> dirty = new ArrayDeque<>();
    private final List<Buf> all = new ArrayList<>();
    private final Consumer<String> console;

    BufQueues(int buffers, Variant variant, Consumer<String> console) {
        this.console = console;
        for (int i = 0; i < buffers; i++) {
            Buf bp = new Buf(i, variant);
            all.add(bp);
            bp.qindex = Buf.QUEUE_CLEAN;
            clean.add(bp);
        }
    }

    /** @return every buffer, for lookups that bypass the queues ({@code gbincore}) */
    List<Buf> all() {
        return all;
    }

    /** {@code getnewbuf}: a clean buffer, locked and off its queue. */
    Buf getnewbuf() {
        for (;;) {
            bufqueue.get();
            Buf bp = clean.peekFirst();
            if (bp == null) {
                bufqueue.rel();
                Synch.pause("newbuf", 1);
                continue;
            }
            int qindex = bp.qindex;
            int error = bp.tryLock();
            bp.lock.assertLocked(LockObject.LA_XLOCKED);
            if (error != 0) {
                console.accept("getnewbuf: warning, locked buf " + bp + ", race corrected");
                bufqueue.rel();
                Synch.pause("gnbxxx", 1);
                continue;
            }
            if (bp.qindex != qindex) {
                console.accept("getnewbuf: warning, BUF_LOCK blocked unexpectedly on buf " + bp + " index " + qindex
                        + "->" + bp.qindex + ", race corrected");
                bp.unlock();
                bufqueue.rel();
                continue;
            }
            bremfree(bp);
            bufqueue.rel();
            return bp;
        }
    }

    /** {@code brelse}: back on the clean or the dirty queue, then unlocked, all under the bufqueue token. */
    void brelse(Buf bp) {
        bufqueue.get();
        bp.qindex = bp.dirty ? Buf.QUEUE_DIRTY : Buf.QUEUE_CLEAN;
        (bp.dirty ? dirty : clean).addLast(bp);
        bp.unlock();
        bufqueue.rel();
    }

    /** @return the first dirty buffer, locked and off its queue, or null */
    Buf takeDirty() {
        bufqueue.get();
        Buf bp = dirty.peekFirst();
        if (bp != null && bp.tryLock() == 0) {
            bremfree(bp);
        } else {
            bp = null;
        }
        bufqueue.rel();
        return bp;
    }

    /** {@code bremfree}: take a locked buffer off its queue; with the bufqueue token held. */
    private void bremfree(Buf bp) {
        (bp.qindex == Buf.QUEUE_DIRTY ? dirty : clean).remove(bp);
        bp.qindex = Buf.QUEUE_NONE;
    }
}
