package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lockwitness.witness.report.ReportSnapshot;
import org.lockwitness.witnesstest.Caller;

/** Limits on classes, order pairs and stored stacks (issue 6 and the scale issue). */
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

    @Test
    void orderTableFull_givesOneFindingNamingIt_disablesTheChecker_andTheHostRunsOn() {
        Sim sim = new Sim(WitnessOptions.builder().orderLimit(2).build());
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        Sim.Lock d = sim.lock("D", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.pair(t, a, b);
        sim.pair(t, b, c);
        sim.pair(t, a, b);
        sim.silent();
        assertTrue(sim.w.isEnabled());
        sim.pair(t, c, d);
        assertFalse(sim.w.isEnabled());
        Finding f = sim.only(Rule.CHECKER_EXHAUSTED);
        assertEquals("WITNESS: unable to allocate a new lock order \"C\" -> \"D\"\norder table full at 2 orders\n"
                + "Witness disabled.", f.message());
        assertEquals(List.of("C", "D"), f.locks());
        sim.pair(t, d, a);
        sim.take(t, c, 0);
        sim.drop(t, a, 0);
        assertEquals(1, sim.findings().size());
        assertEquals(List.of("A->B", "B->C"), LockOrderTest.edges(sim.w.snapshot()));
    }

    @Test
    void declaredOrdersBeyondTheOrderTable_disableTheCheckerAtCreation() throws Exception {
        WitnessConfig config = WitnessConfig.parse("order: a -> b -> c", "test");
        Sim sim = new Sim(WitnessOptions.builder().orderLimit(1).config(config).build());
        assertFalse(sim.w.isEnabled());
        Finding f = sim.only(Rule.CHECKER_EXHAUSTED);
        assertEquals("WITNESS: unable to allocate a new lock order \"b\" -> \"c\"\norder table full at 1 orders\n"
                + "Witness disabled.", f.message());
    }

    @Test
    void stacksAreStoredOnce_andWhenTheStoreIsFullOrdersGoOnWithoutThem() {
        Sim sim = new Sim(WitnessOptions.builder().stackStoreLimit(2).build());
        List<Sim.Lock> locks = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            locks.add(sim.lock("L" + i, LockKind.SLEEP_MUTEX));
        }
        WitnessThread t = sim.thread("t");
        for (int i = 0; i < 5; i++) {
            sim.pair(t, locks.get(i), locks.get(i + 1));
        }
        Caller.run(() -> sim.pair(t, locks.get(5), locks.get(6)));
        Caller.run(() -> Caller.run(() -> sim.pair(t, locks.get(6), locks.get(7))));
        List<ReportSnapshot.EdgeInfo> edges = sim.w.snapshot().edges();
        assertEquals(7, edges.size());
        for (int i = 1; i < 5; i++) {
            assertSame(edges.get(0).stack(), edges.get(i).stack(), "one stored stack shared by the same call path");
        }
        assertNotNull(edges.get(5).stack(), "a second distinct stack fills the store");
        assertNotEquals(edges.get(0).stack(), edges.get(5).stack());
        assertNull(edges.get(6).stack(), "a third distinct stack finds the store full");
        sim.silent();
        sim.take(t, locks.get(7), 0);
        sim.take(t, locks.get(0), 0);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(8, f.locks().size(), "the graph works on without stacks");
        assertEquals("lock order data L6 -> L7 missing", f.stacks().get(6).title());
        assertEquals("lock order L0 -> L1 established at:", f.stacks().get(0).title());
    }
}
