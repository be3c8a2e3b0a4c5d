package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader rules of the Java read/write kinds: a {@code ReentrantReadWriteLock}'s read then write
 * in one thread, its downgrade and second read, read/read cycles across two locks, and the
 * {@link WitnessType#writeSeen} mark.
 */
class ReadWriteJavaRulesTest {

    private final Sim sim = new Sim();

    private WitnessThread javaThread(String name) {
        return sim.w.javaThread(name.hashCode(), name);
    }

    private Sim.Lock rw(String name) {
        return sim.lock(name, LockKind.JAVA_RW, LockFlags.RECURSE);
    }

    @Test
    void readThenWriteOfOneLock_isRecursion_sayingTheThreadDeadlocksItself() {
        Sim.Lock l = rw("Cache.rw");
        WitnessThread t = javaThread("t");
        sim.take(t, l, sim.site("Cache.java", 10), OpFlags.SHARED);
        sim.w.checkOrder(t, l.id, l.instance, sim.site("Cache.java", 12), 0, 0);
        Finding f = sim.only(Rule.RECURSION);
        assertEquals(Messages.readThenWrite("Cache.rw", "Cache.java:12", "Cache.java:10"), f.message());
        assertTrue(f.message().contains("deadlocks itself"), f.message());
    }

    @Test
    void aSecondReadOfOneLock_andAReadUnderItsOwnWrite_areSilent() {
        Sim.Lock l = rw("Cache.rw");
        WitnessThread t = javaThread("t");
        sim.take(t, l, 0, OpFlags.SHARED);
        sim.take(t, l, 0, OpFlags.SHARED);
        sim.drop(t, l, 0, OpFlags.SHARED);
        sim.drop(t, l, 0, OpFlags.SHARED);
        sim.take(t, l, 0);
        sim.w.checkOrder(t, l.id, l.instance, 0, OpFlags.SHARED, 0);
        sim.silent();
    }

    @Test
    void aReadReadCycleAcrossTwoReadWriteLocks_isAReversal() {
        Sim.Lock a = rw("A.rw");
        Sim.Lock b = rw("B.rw");
        WitnessThread t = javaThread("t");
        sim.take(t, a, 0, OpFlags.SHARED);
        sim.take(t, b, 0, OpFlags.SHARED);
        sim.drop(t, b, 0, OpFlags.SHARED);
        sim.drop(t, a, 0, OpFlags.SHARED);
        sim.silent();
        sim.take(t, b, 0, OpFlags.SHARED);
        sim.w.checkOrder(t, a.id, a.instance, 0, OpFlags.SHARED, 0);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertTrue(f.locks().containsAll(List.of("A.rw", "B.rw")), f.locks().toString());
    }

    @Test
    void writeSeen_isSetByAnExclusiveAcquireOfAJavaReadWriteKind_only() {
        Sim.Lock read = rw("Reads.rw");
        Sim.Lock written = rw("Writes.rw");
        Sim.Lock stamped = sim.lock("S.stamps", LockKind.JAVA_STAMPED);
        Sim.Lock plain = sim.lock("L.lock", LockKind.JAVA_LOCK, LockFlags.RECURSE);
        WitnessThread t = javaThread("t");
        sim.take(t, read, 0, OpFlags.SHARED);
        sim.drop(t, read, 0, OpFlags.SHARED);
        sim.w.acquired(t, written.id, written.instance, 0, OpFlags.TRY);
        sim.drop(t, written, 0);
        sim.take(t, stamped, 0);
        sim.drop(t, stamped, 0);
        sim.take(t, plain, 0);
        sim.drop(t, plain, 0);
        assertFalse(writeSeen(read));
        assertTrue(writeSeen(written));
        assertTrue(writeSeen(stamped));
        assertFalse(writeSeen(plain));
        sim.silent();
    }

    private boolean writeSeen(Sim.Lock l) {
        return sim.w.state.typeOf(l.id).writeSeen;
    }
}
