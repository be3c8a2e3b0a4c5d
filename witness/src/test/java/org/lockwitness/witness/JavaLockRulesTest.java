package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules for the Java lock kinds: instance orders, reentrancy, try-locks, Java thread handles. */
class JavaLockRulesTest {

    private final Sim sim = new Sim();

    private WitnessThread javaThread(String name) {
        return sim.w.javaThread(name.hashCode(), name);
    }

    private Sim.Lock monitor(String cls) {
        return sim.lock(cls, LockKind.JAVA_MONITOR, LockFlags.RECURSE);
    }

    @Test
    void twoInstancesOfOneClass_inBothOrders_areAReversalNamingTheClassTwice() {
        Sim.Lock a = monitor("Account");
        Sim.Lock b = sim.new Lock("Account", a.id);
        WitnessThread t = javaThread("t");
        sim.pair(t, a, b);
        sim.silent();
        sim.pair(t, b, a);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("Account", "Account"), f.locks());
        assertTrue(f.message().contains(Messages.INSTANCES_BOTH_ORDERS), f.message());
        sim.pair(t, b, a);
        assertEquals(1, sim.findings().size(), "reported once per class");
    }

    @Test
    void twoInstancesInOneOrderOnly_areSilent_notADuplicate() {
        Sim.Lock a = monitor("Account");
        Sim.Lock b = sim.new Lock("Account", a.id);
        WitnessThread t = javaThread("t");
        sim.pair(t, a, b);
        sim.pair(t, a, b);
        sim.silent();
    }

    @Test
    void bothOrdersUnderOneGateLock_areSilent() {
        Sim.Lock tie = monitor("Tie");
        Sim.Lock a = monitor("Account");
        Sim.Lock b = sim.new Lock("Account", a.id);
        WitnessThread t = javaThread("t");
        sim.take(t, tie, 0);
        sim.pair(t, a, b);
        sim.pair(t, b, a);
        sim.drop(t, tie, 0);
        sim.silent();
    }

    @Test
    void classReversal_andReentry_andTryLock() {
        Sim.Lock l = sim.lock("Left", LockKind.JAVA_LOCK, LockFlags.RECURSE);
        Sim.Lock r = sim.lock("Right", LockKind.JAVA_LOCK, LockFlags.RECURSE);
        WitnessThread t = javaThread("t");
        sim.take(t, l, 0);
        sim.take(t, l, 0);
        sim.drop(t, l, 0);
        sim.drop(t, l, 0);
        sim.silent();
        sim.take(t, l, 0);
        sim.tryTake(t, r, 0);
        sim.drop(t, r, 0);
        sim.drop(t, l, 0);
        sim.take(t, r, 0);
        sim.tryTake(t, l, 0);
        sim.drop(t, l, 0);
        sim.drop(t, r, 0);
        sim.silent();
        sim.pair(t, l, r);
        sim.pair(t, r, l);
        assertEquals(List.of(Rule.LOCK_ORDER_REVERSAL), sim.rules());
    }

    @Test
    void javaThreads_haveNoCpu_andAreKeptAcrossMachineRuns() {
        WitnessThread t = javaThread("worker");
        Sim.Lock m = monitor("M");
        sim.take(t, m, 0);
        assertTrue(sim.w.holds(t, m.instance));
        sim.w.threadExit(t, 0);
        Finding f = sim.only(Rule.HELD_AT_EXIT);
        assertEquals(List.of(), f.cpus(), "a Java thread has no CPU");
        assertFalse(sim.w.holds(t, m.instance));
    }

    @Test
    void stampedLock_readThenWrite_andReadThenRead_inOneThread_areRecursion_butTryReadsAreNot() {
        Sim.Lock s = sim.lock("Cache.stamps", LockKind.JAVA_STAMPED);
        WitnessThread t = javaThread("t");
        sim.take(t, s, 0, OpFlags.SHARED);
        sim.tryTake(t, s, 0);
        sim.w.acquired(t, s.id, s.instance, 0, OpFlags.TRY | OpFlags.SHARED);
        sim.silent();
        sim.w.checkOrder(t, s.id, s.instance, 0, 0, 0);
        Finding f = sim.only(Rule.RECURSION);
        assertTrue(f.message().contains("not reentrant"), f.message());
        sim.w.checkOrder(t, s.id, s.instance, sim.site("Other.java", 9), OpFlags.SHARED, 0);
        assertEquals(2, sim.findings().size(), sim.findings().toString());
        assertTrue(sim.findings().get(1).message().contains("second read queues behind"), sim.findings().toString());
    }
}
