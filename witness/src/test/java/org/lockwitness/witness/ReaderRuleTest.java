package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reader-aware cycles: lockdep's strong paths with the model's reader rule (issue 6). */
class ReaderRuleTest {
    private final Sim sim = new Sim();
    private final WitnessThread t1 = sim.thread("t1");
    private final WitnessThread t2 = sim.thread("t2");

    @Test
    void readReadCycle_everyReaderAlreadyHoldsARead_isSilent() {
        Sim.Lock r1 = sim.lock("R1", LockKind.RW);
        Sim.Lock r2 = sim.lock("R2", LockKind.RW);
        Sim.Lock a = sim.lock("A", LockKind.RW);
        Sim.Lock b = sim.lock("B", LockKind.RW);
        sim.take(t1, r1, 0, OpFlags.SHARED);
        sim.take(t1, a, 0, OpFlags.SHARED);
        sim.take(t1, b, 0, OpFlags.SHARED);
        sim.take(t2, r2, 0, OpFlags.SHARED);
        sim.take(t2, b, 0, OpFlags.SHARED);
        sim.take(t2, a, 0, OpFlags.SHARED);
        sim.silent();
    }

    @Test
    void sameCycle_withAFirstReadBehindAWriter_isReported() {
        Sim.Lock a = sim.lock("A", LockKind.RW);
        Sim.Lock b = sim.lock("B", LockKind.RW);
        sim.take(t1, a, sim.site("w.c", 1));
        sim.take(t1, b, sim.site("w.c", 2), OpFlags.SHARED);
        sim.take(t2, b, sim.site("r.c", 1), OpFlags.SHARED);
        sim.take(t2, a, sim.site("r.c", 2), OpFlags.SHARED);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("B", "A"), f.locks());
        assertEquals(List.of("r.c:2", "r.c:1", "w.c:2"), f.sites());
    }

    @Test
    void writeReadWrite_threeClassCycle_isReported() {
        Sim.Lock a = sim.lock("A", LockKind.SX);
        Sim.Lock b = sim.lock("B", LockKind.SX);
        Sim.Lock c = sim.lock("C", LockKind.SX);
        sim.take(t1, a, 0);
        sim.take(t1, b, 0, OpFlags.SHARED);
        sim.drop(t1, b, 0, OpFlags.SHARED);
        sim.drop(t1, a, 0);
        sim.take(t1, b, 0, OpFlags.SHARED);
        sim.take(t1, c, 0);
        sim.drop(t1, c, 0);
        sim.drop(t1, b, 0, OpFlags.SHARED);
        sim.silent();
        sim.take(t2, c, 0);
        sim.take(t2, a, 0);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("C", "A", "B"), f.locks());
    }

    @Test
    void recursiveReadEdge_thenSharedHold_breaksTheCycle_butAWriterPathDoesNot() {
        Sim.Lock a = sim.lock("A", LockKind.RW);
        Sim.Lock b = sim.lock("B", LockKind.RW);
        Sim.Lock c = sim.lock("C", LockKind.RW);
        // A -(SR)-> B: t1 holds A shared, B is a recursive read
        sim.take(t1, a, 0, OpFlags.SHARED);
        sim.take(t1, b, 0, OpFlags.SHARED);
        sim.drop(t1, b, 0, OpFlags.SHARED);
        sim.drop(t1, a, 0, OpFlags.SHARED);
        // B -(SN)-> C is impossible to follow after an R edge; take B shared then C exclusive
        sim.take(t1, b, 0, OpFlags.SHARED);
        sim.take(t1, c, 0);
        sim.drop(t1, c, 0);
        sim.drop(t1, b, 0, OpFlags.SHARED);
        // C -> A (exclusive): path A -(SR)-> B -(SN)-> C is not strong, so no cycle
        sim.take(t2, c, 0);
        sim.take(t2, a, 0);
        sim.silent();
    }
}
