package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;
import static org.lockwitness.kernel.Programs.spinUntil;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Seed 002: with a token interlock, a lockmgr request that blocks on the interlock gives up the
 * caller's other tokens, so two getnewbuf scans can both pick the same free buffer; with the
 * spin-lock interlock they cannot.
 */
class LockMgrInterlockTest {

    /** What the two scans saw. */
    record Race(int picks, int busy) {
    }

    private static Race getnewbuf(boolean tokenInterlock, long seed) {
        Machine m = machine(2, seed).build();
        Token bufqueue = new Token("bufqueue");
        Token lkInterlock = new Token("lk_interlock");
        LockMgr bp = tokenInterlock ? LockMgr.withTokenInterlock("bufwait", 0, lkInterlock) : new LockMgr("bufwait", 0);
        List<LockMgr> freeList = new ArrayList<>(List.of(bp));
        AtomicInteger picks = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        AtomicBoolean firstPicked = new AtomicBoolean();
        AtomicBoolean interlockHeld = new AtomicBoolean();
        AtomicBoolean secondPicked = new AtomicBoolean();
        Runnable scan = () -> {
            bufqueue.get();
            if (freeList.contains(bp)) {
                picks.incrementAndGet();
                if (firstPicked.getAndSet(true)) {
                    secondPicked.set(true);
                } else if (tokenInterlock) {
                    spinUntil(interlockHeld::get);
                }
                if (bp.lock(LockMgr.LK_EXCLUSIVE | LockMgr.LK_NOWAIT) == 0) {
                    freeList.remove(bp);
                } else {
                    busy.incrementAndGet();
                }
            }
            bufqueue.rel();
        };
        KThread first = m.spawn("getnewbuf 1", KThread.PRI_MIN_KERN, scan).bindTo(0);
        m.spawn("getnewbuf 2", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> firstPicked.get()
                    && (!tokenInterlock || first.state() == KThread.State.LOCK || first.state() == KThread.State.EXITED));
            scan.run();
        }).bindTo(0);
        if (tokenInterlock) {
            m.spawn("lockstatus", KThread.PRI_MIN_KERN, () -> {
                spinUntil(firstPicked::get);
                lkInterlock.get();
                interlockHeld.set(true);
                spinUntil(() -> secondPicked.get() || first.state() == KThread.State.EXITED);
                lkInterlock.rel();
            }).bindTo(1);
        }
        runToCompletion(m);
        return new Race(picks.get(), busy.get());
    }

    @Test
    void with_a_token_interlock_both_scans_pick_the_buffer_and_one_lock_fails_unexpectedly() {
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(new Race(2, 1), getnewbuf(true, seed), "seed " + seed);
        }
    }

    @Test
    void with_the_spin_lock_interlock_the_scan_keeps_its_atomicity() {
        for (long seed = 0; seed < 10; seed++) {
            assertEquals(new Race(1, 0), getnewbuf(false, seed), "seed " + seed);
        }
    }
}
