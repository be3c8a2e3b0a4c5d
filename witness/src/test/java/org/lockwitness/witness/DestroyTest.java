package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Destroying a lock, per kind, as FreeBSD's {@code *_destroy} functions allow it (issue 18, item 1). */
class DestroyTest {
    private final Sim sim = new Sim();

    @Test
    void aSleepMutexDestroyedByItsOwner_isReleased_andLaterSleepsAndExitAreSilent() {
        Sim.Lock m = sim.lock("softc", LockKind.SLEEP_MUTEX);
        Sim.Lock other = sim.lock("ifnet", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("detach");
        sim.take(t, m, sim.site("d.c", 1));
        sim.w.destroy(t, m.id, m.instance, sim.site("d.c", 2));
        sim.take(t, other, sim.site("d.c", 3));
        sim.drop(t, other, sim.site("d.c", 4));
        sim.w.sleep(t, "pause", 0, sim.site("d.c", 5));
        sim.w.threadExit(t, sim.site("d.c", 6));
        sim.silent();
    }

    @Test
    void aSpinMutexDestroyedByItsOwner_isReleasedFromItsCpu_andASleepLockAfterwardsIsSilent() {
        Sim.Lock s = sim.lock("hw lock", LockKind.SPIN_MUTEX);
        Sim.Lock m = sim.lock("softc", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("detach");
        sim.takeSpin(t, s, sim.site("s.c", 1));
        sim.w.destroy(t, s.id, s.instance, sim.site("s.c", 2));
        t.at(t.cpu(), 0, false, true, 0, false, false, false, t.step);
        sim.take(t, m, sim.site("s.c", 3));
        sim.w.sleep(t, "wait", m.instance, sim.site("s.c", 4));
        sim.drop(t, m, sim.site("s.c", 5));
        sim.silent();
    }

    @Test
    void aMutexHeldByAnotherThreadOrCpu_isDestroyHeld() {
        Sim.Lock m = sim.lock("softc", LockKind.SLEEP_MUTEX);
        Sim.Lock s = sim.lock("hw lock", LockKind.SPIN_MUTEX);
        WitnessThread holder = sim.thread("holder");
        WitnessThread spinner = sim.thread("spinner");
        WitnessThread reaper = sim.thread("reaper");
        sim.take(holder, m, sim.site("h.c", 1));
        sim.w.destroy(reaper, m.id, m.instance, sim.site("h.c", 2));
        spinner.at(1, 0, false, true, 0, false, false, false, 0);
        sim.takeSpin(spinner, s, sim.site("h.c", 3));
        sim.w.destroy(reaper, s.id, s.instance, sim.site("h.c", 4));
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertEquals("lock (sleep mutex) softc destroyed while held by thread holder @ h.c:2", all.get(0).message());
        assertEquals(Rule.DESTROY_HELD, all.get(1).rule());
        assertEquals("lock (spin mutex) hw lock destroyed while held by cpu 1 @ h.c:4", all.get(1).message());
    }

    @Test
    void aRecursedMutexDestroyedByItsOwner_isDestroyHeld() {
        Sim.Lock m = sim.lock("softc", LockKind.SLEEP_MUTEX, LockFlags.RECURSE);
        WitnessThread t = sim.thread("detach");
        sim.take(t, m, sim.site("r.c", 1));
        sim.take(t, m, sim.site("r.c", 2));
        sim.w.destroy(t, m.id, m.instance, sim.site("r.c", 3));
        assertEquals("lock (sleep mutex) softc destroyed while held by thread detach @ r.c:3",
                sim.only(Rule.DESTROY_HELD).message());
    }

    @Test
    void sxRwLockmgrAndRmHeldByTheDestroyer_areDestroyHeld() {
        WitnessThread t = sim.thread("detach");
        int line = 1;
        for (LockKind kind : List.of(LockKind.SX, LockKind.RW, LockKind.LOCKMGR, LockKind.RM)) {
            Sim.Lock l = sim.lock("l-" + kind, kind);
            sim.take(t, l, sim.site("k.c", line++));
            sim.w.destroy(t, l.id, l.instance, sim.site("k.c", line++));
            sim.drop(t, l, sim.site("k.c", line++));
        }
        List<Finding> all = sim.findings();
        assertEquals(4, all.size(), all::toString);
        assertEquals(List.of(Rule.DESTROY_HELD, Rule.DESTROY_HELD, Rule.DESTROY_HELD, Rule.DESTROY_HELD), sim.rules());
        assertEquals("lock (sx) l-SX destroyed while held by thread detach @ k.c:2", all.get(0).message());
        assertEquals("lock (lockmgr) l-LOCKMGR destroyed while held by thread detach @ k.c:8", all.get(2).message());
    }
}
