package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A try-upgrade is checked when attempted, not only when it succeeds (issue 18, item 5). */
class UpgradeAttemptTest {
    private final Sim sim = new Sim();

    @Test
    void anAttemptOnALockNotHeldShared_isBadUpgrade_evenThoughItFails() {
        Sim.Lock sx = sim.lock("allproc", LockKind.SX);
        WitnessThread t = sim.thread("t");
        assertFalse(sim.w.upgradeAttempt(t, sx.id, sx.instance, sim.site("u.c", 1)));
        assertEquals("upgrade of unlocked lock (sx) allproc @ u.c:1", sim.only(Rule.BAD_UPGRADE).message());
    }

    @Test
    void anAttemptOnALockHeldShared_isSilent_andItsSuccessMakesTheHoldExclusive() {
        Sim.Lock rw = sim.lock("ifaddr", LockKind.RW);
        WitnessThread t = sim.thread("t");
        sim.take(t, rw, sim.site("r.c", 1), OpFlags.SHARED);
        assertTrue(sim.w.upgradeAttempt(t, rw.id, rw.instance, sim.site("r.c", 2)));
        sim.w.upgrade(t, rw.id, rw.instance, sim.site("r.c", 2));
        sim.drop(t, rw, sim.site("r.c", 3));
        sim.silent();
    }

    @Test
    void anAttemptOnAnExclusiveHold_isBadUpgrade_andNothingChanges() {
        Sim.Lock sx = sim.lock("allproc", LockKind.SX);
        WitnessThread t = sim.thread("t");
        sim.take(t, sx, sim.site("x.c", 1));
        assertFalse(sim.w.upgradeAttempt(t, sx.id, sx.instance, sim.site("x.c", 2)));
        sim.drop(t, sx, sim.site("x.c", 3));
        assertEquals("upgrade of exclusive lock (sx) allproc @ x.c:2", sim.only(Rule.BAD_UPGRADE).message());
    }
}
