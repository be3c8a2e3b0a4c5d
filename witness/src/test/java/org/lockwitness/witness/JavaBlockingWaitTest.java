package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Java blocking wait ({@code Future.get}, {@code CountDownLatch.await}, {@code LockSupport.park},
 * ...) is a sleep with no interlock: with any Java lock held it is {@code SLEEP_WITH_LOCKS_HELD},
 * in the words of {@code Object.wait}'s report, the wait message naming the call.
 */
class JavaBlockingWaitTest {

    private final Sim sim = new Sim();

    @Test
    void aBlockingWait_withAJavaLockHeld_isSleepWithLocksHeld_inTheExactWords() {
        Sim.Lock lock = sim.lock("Drivers.java:12", LockKind.JAVA_LOCK, LockFlags.RECURSE);
        WitnessThread t = sim.w.javaThread(7, "worker");
        int taken = sim.site("Drivers.java", 13);
        int get = sim.site("Drivers.java", 14);
        sim.take(t, lock, taken);
        sim.w.sleep(t, "Future.get", 0L, get);
        Finding f = sim.only(Rule.SLEEP_WITH_LOCKS_HELD);
        assertEquals("Sleeping on \"Future.get\" with the following non-sleepable locks held:\n"
                + "exclusive java lock Drivers.java:12 r = 0 (0x" + Long.toHexString(lock.instance)
                + ") locked @ Drivers.java:13", f.message());
        assertEquals(List.of("Drivers.java:12"), f.locks());
        assertEquals(List.of("Drivers.java:14"), f.sites());
    }

    @Test
    void aBlockingWait_withNothingHeld_isSilent() {
        WitnessThread t = sim.w.javaThread(8, "idle");
        sim.w.sleep(t, "CountDownLatch.await", 0L, sim.site("Drivers.java", 20));
        sim.silent();
    }
}
