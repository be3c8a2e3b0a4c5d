package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lock-id bit layout: class ids past 16 bits, every flag and every kind round-trip. */
class LockIdTest {
    private static final int ALL_FLAGS = LockFlags.RECURSE | LockFlags.DUPOK | LockFlags.NOWITNESS
            | LockFlags.SLEEPABLE | LockFlags.UPGRADABLE;

    @Test
    void classIdAbove65535_roundTripsWithEveryFlagSpinGiantAndKind() {
        for (int cls : new int[] {65_536, 65_537, 1_000_000, LockId.MAX_CLASS_ID}) {
            for (LockKind kind : LockKind.values()) {
                for (boolean giant : new boolean[] {false, true}) {
                    int id = LockId.encode(cls, ALL_FLAGS, kind, giant);
                    String what = cls + " " + kind + " giant=" + giant;
                    assertEquals(cls, LockId.classOf(id), what);
                    assertEquals(ALL_FLAGS, LockId.flags(id), what);
                    assertEquals(kind, LockId.kind(id), what);
                    assertEquals(kind.isSpin(), LockId.isSpin(id), what);
                    assertEquals(giant, LockId.isGiant(id), what);
                    assertTrue(LockId.recursable(id) && LockId.dupok(id) && LockId.sleepable(id)
                            && LockId.upgradable(id), what);
                    assertTrue(id > 0 && id != Witness.UNTRACKED, what);
                }
            }
        }
    }

    @Test
    void flagsAndBits_doNotLeakIntoTheClassId() {
        int id = LockId.encode(1, 0, LockKind.SLEEP_MUTEX, false);
        assertEquals(1, LockId.classOf(id));
        assertEquals(0, LockId.flags(id));
        assertEquals(LockKind.SLEEP_MUTEX, LockId.kind(id));
        int each = LockId.encode(1, LockFlags.DUPOK, LockKind.SPIN_MUTEX, true);
        assertEquals(1, LockId.classOf(each));
        assertEquals(LockFlags.DUPOK, LockId.flags(each));
        assertTrue(LockId.dupok(each) && !LockId.recursable(each) && !LockId.sleepable(each)
                && !LockId.upgradable(each));
    }

    @Test
    void layout_holdsAMillionClasses_andTheOptionsAllowThem() {
        assertTrue(LockId.CLASS_BITS >= 20);
        assertTrue(LockId.MAX_CLASS_ID >= 1_000_000);
        assertEquals(LockId.MAX_CLASS_ID, WitnessOptions.MAX_CLASS_LIMIT);
        WitnessOptions.builder().classLimit(WitnessOptions.MAX_CLASS_LIMIT);
        assertEquals(1536, WitnessOptions.DEFAULT_CLASS_LIMIT);
    }

    @Test
    void witness_findsAReversalBetweenClassesAbove65535() {
        Sim sim = new Sim(WitnessOptions.builder().classLimit(70_000).build());
        for (int i = 1; i <= 65_536; i++) {
            sim.w.enroll("filler " + i, LockKind.SLEEP_MUTEX, 0);
        }
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        assertEquals(65_537, LockId.classOf(a.id));
        assertEquals(65_538, LockId.classOf(b.id));
        WitnessThread t = sim.thread("t");
        sim.pair(t, a, b);
        sim.silent();
        sim.take(t, b, 0);
        sim.take(t, a, 0);
        assertEquals(java.util.List.of("B", "A"), sim.only(Rule.LOCK_ORDER_REVERSAL).locks());
    }
}
