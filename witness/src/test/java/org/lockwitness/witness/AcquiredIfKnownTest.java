package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Witness#acquiredIfKnown}: the order check and the hold of a Java thread in one event, which
 * must do exactly what {@link Witness#checkOrder} then {@link Witness#acquired} do when the order is
 * known, and nothing at all when it is not.
 */
class AcquiredIfKnownTest {

    private final Sim sim = new Sim();
    private final Sim.Lock a = sim.lock("A", LockKind.JAVA_LOCK, LockFlags.RECURSE);
    private final Sim.Lock b = sim.lock("B", LockKind.JAVA_LOCK, LockFlags.RECURSE);
    private final WitnessThread t = sim.w.javaThread(51, "t");

    @Test
    void anOrderSeenBefore_isCheckedAndHeld_inOneEvent() {
        sim.take(t, a, sim.site("A.java", 1));
        sim.take(t, b, sim.site("A.java", 2));
        sim.w.release(t, b.id, b.instance, sim.site("A.java", 3), 0);

        assertTrue(sim.w.acquiredIfKnown(t, b.id, b.instance, sim.site("A.java", 4)));
        assertTrue(sim.w.holds(t, b.instance), "held, as acquired would have it");
        sim.w.release(t, b.id, b.instance, sim.site("A.java", 5), 0);
        sim.w.release(t, a.id, a.instance, sim.site("A.java", 6), 0);
        assertFalse(sim.w.holds(t, a.instance) || sim.w.holds(t, b.instance));
        assertEquals(List.of(), sim.findings());
    }

    @Test
    void anOrderNotSeenBefore_changesNothing_andTheFullCheckStillReportsTheReversal() {
        sim.take(t, a, sim.site("A.java", 1));
        sim.take(t, b, sim.site("A.java", 2));
        sim.w.release(t, b.id, b.instance, sim.site("A.java", 3), 0);
        sim.w.release(t, a.id, a.instance, sim.site("A.java", 4), 0);
        sim.take(t, b, sim.site("B.java", 1));

        assertFalse(sim.w.acquiredIfKnown(t, a.id, a.instance, sim.site("B.java", 2)));
        assertFalse(sim.w.holds(t, a.instance), "not held: the caller has not checked it yet");
        assertEquals(List.of(), sim.findings(), "nothing reported before the full check");
        sim.take(t, a, sim.site("B.java", 2));
        sim.only(Rule.LOCK_ORDER_REVERSAL);
    }

    @Test
    void aFirstLock_ordersAgainstNothing_andIsHeld() {
        assertTrue(sim.w.acquiredIfKnown(t, a.id, a.instance, sim.site("A.java", 1)));
        assertTrue(sim.w.holds(t, a.instance));
    }

    @Test
    void anUntrackedLock_isDoneWithoutAHold() {
        assertTrue(sim.w.acquiredIfKnown(t, Witness.UNTRACKED, a.instance, sim.site("A.java", 1)));
        assertFalse(sim.w.holds(t, a.instance));
    }
}
