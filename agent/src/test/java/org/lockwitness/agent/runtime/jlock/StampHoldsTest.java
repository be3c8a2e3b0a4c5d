package org.lockwitness.agent.runtime.jlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A thread's published {@code StampedLock} holds: claimed once, by lock and stamp, and handed over. */
class StampHoldsTest {

    private static final long LOCK = 0x1_2345_6789L;
    private static final long OTHER = 0x1_0000_0042L;

    @Test
    void aHoldIsClaimedByItsLockAndStamp_once() {
        StampHolds h = new StampHolds();
        assertTrue(h.publish(LOCK, 384L));
        assertTrue(h.publish(OTHER, 384L));
        assertFalse(h.claim(LOCK, 385L), "another stamp");
        assertTrue(h.claim(LOCK, 384L));
        assertFalse(h.claim(LOCK, 384L), "one release drops one hold");
        assertTrue(h.claim(OTHER, 384L), "the same stamp of another lock is another hold");
    }

    @Test
    void theOwnerWithdrawsItsHold_exactlyOrAnyOfTheLock() {
        StampHolds h = new StampHolds();
        h.publish(LOCK, 257L);
        h.publish(LOCK, 258L);
        assertFalse(h.unpublish(LOCK, 999L, true));
        assertTrue(h.unpublish(LOCK, 999L, false));
        assertTrue(h.unpublish(LOCK, 257L, true) ^ h.unpublish(LOCK, 258L, true), "one of the two is left");
        assertFalse(h.unpublish(LOCK, 0L, false));
    }

    @Test
    void holdsBeyondTheSlotsAreNotPublished_andAFreedSlotIsReused() {
        StampHolds h = new StampHolds();
        for (int i = 0; i < StampHolds.SLOTS; i++) {
            assertTrue(h.publish(LOCK, 100L + i));
        }
        assertFalse(h.publish(LOCK, 999L));
        assertTrue(h.claim(LOCK, 103L));
        assertTrue(h.publish(OTHER, 999L));
        assertTrue(h.claim(OTHER, 999L));
    }

    @Test
    void theInboxHandsEachPostedHoldOver_withItsMode_once() {
        StampHolds h = new StampHolds();
        assertFalse(h.pending);
        h.post(LOCK, true);
        h.post(OTHER, false);
        h.post(LOCK, false);
        h.post(OTHER, true);
        h.post(LOCK, true);
        assertTrue(h.pending);
        List<String> got = new ArrayList<>();
        h.drain((instance, read) -> got.add(Long.toHexString(instance) + (read ? " r" : " w")));
        assertEquals(List.of("123456789 r", "100000042 w", "123456789 w", "100000042 r", "123456789 r"), got);
        assertFalse(h.pending);
        h.drain((instance, read) -> got.add("again"));
        assertEquals(5, got.size());
    }

    @Test
    @Timeout(30)
    void releasersRacingForOneHold_oneWins() throws Exception {
        int rounds = 2000;
        int racers = 4;
        StampHolds h = new StampHolds();
        AtomicInteger wins = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(racers + 1);
        CyclicBarrier end = new CyclicBarrier(racers + 1);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        start.await();
                        if (h.claim(LOCK, i)) {
                            wins.incrementAndGet();
                        }
                        end.await();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (int i = 0; i < rounds; i++) {
            assertTrue(h.publish(LOCK, i));
            start.await();
            end.await();
            assertEquals(i + 1, wins.get(), "round " + i);
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
