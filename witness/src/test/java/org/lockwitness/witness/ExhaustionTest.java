package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lockwitness.witness.report.ReportSnapshot;

/** Limits on classes and stored stacks (issue 6). */
class ExhaustionTest {

    @Test
    void classTableFull_givesOneFinding_disablesTheChecker_andTheHostRunsOn() {
        Sim sim = new Sim(WitnessOptions.builder().classLimit(2).build());
        WitnessThread t = sim.thread("t");
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        assertTrue(sim.w.isEnabled());
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        Sim.Lock d = sim.lock("D", LockKind.SLEEP_MUTEX);
        assertEquals(Witness.UNTRACKED, c.id);
        assertEquals(Witness.UNTRACKED, d.id);
        assertFalse(sim.w.isEnabled());
        sim.take(t, b, 0);
        sim.take(t, a, 0);
        sim.take(t, a, 0);
        sim.drop(t, c, 0);
        Finding f = sim.only(Rule.CHECKER_EXHAUSTED);
        assertEquals("WITNESS: unable to allocate a new witness object for \"C\"\nclass table full at 2 classes\n"
                + "Witness disabled.", f.message());
        assertEquals(List.of("C"), f.locks());
    }

    @Test
    void stackStoreFull_keepsEdgesWithoutStacks() {
        Sim sim = new Sim(WitnessOptions.builder().stackStoreLimit(1).build());
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, a, 0);
        sim.take(t, b, 0);
        sim.take(t, c, 0);
        List<ReportSnapshot.EdgeInfo> edges = sim.w.snapshot().edges();
        assertEquals(2, edges.size());
        assertEquals("A", edges.get(0).from());
        assertNotNull(edges.get(0).stack());
        assertEquals("B", edges.get(1).from());
        assertNull(edges.get(1).stack());
        sim.drop(t, c, 0);
        sim.drop(t, b, 0);
        sim.drop(t, a, 0);
        sim.take(t, c, 0);
        sim.take(t, b, 0);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals("lock order data B -> C missing", f.stacks().get(0).title());
    }
}
