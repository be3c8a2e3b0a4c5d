package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The model's {@code *_destroy} functions, per kind, as FreeBSD's (issue 18, item 1). */
class DestroyTest {

    private static RunResult halted(Machine m) {
        RunResult r = m.run(Programs.LIMIT);
        assertEquals(RunResult.Status.HALTED, r.status(), r::toString);
        return r;
    }

    @Test
    void aSpinMutexDestroyedByItsOwner_leavesNoSpinLevelCritnestOrInterruptFlagRaised() {
        Machine m = machine(1, 1).build();
        AtomicReference<String> after = new AtomicReference<>();
        m.spawn("detach", KThread.PRI_MIN_KERN, () -> {
            Mtx s = new Mtx("hw lock", Mtx.SPIN);
            Mtx d = new Mtx("softc", Mtx.DEF);
            s.lockSpin();
            s.destroy();
            KThread td = KThread.curthread();
            after.set(td.spinlockCount + " " + td.critnest + " " + Intr.enabled());
            d.lock();
            d.destroy();
            Synch.pause("after", 1);
        });
        runToCompletion(m);
        assertEquals("0 0 true", after.get());
    }

    @Test
    void aMutexUsedAfterItsDestroy_panics() {
        Machine m = machine(1, 1).build();
        m.spawn("detach", KThread.PRI_MIN_KERN, () -> {
            Mtx d = new Mtx("softc", Mtx.DEF);
            d.lock();
            d.destroy();
            d.lock();
        });
        assertTrue(halted(m).reason().contains("lock of destroyed mutex softc"));
    }

    @Test
    void aRecursedSpinMutexOrAContestedMutexDestroyedByItsOwner_panics() {
        Machine m = machine(1, 1).build();
        m.spawn("detach", KThread.PRI_MIN_KERN, () -> {
            Mtx s = new Mtx("hw lock", Mtx.SPIN | Mtx.RECURSE);
            s.lockSpin();
            s.lockSpin();
            s.destroy();
        });
        assertTrue(halted(m).reason().contains("mtx_destroy: mutex hw lock recursed"));

        Machine c = machine(2, 1).build();
        Mtx d = new Mtx("softc", Mtx.DEF);
        c.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            d.lock();
            Programs.spinUntil(() -> waiting(c));
            d.destroy();
        });
        c.spawn("waiter", KThread.PRI_MIN_KERN, () -> {
            Programs.spinUntil(() -> d.ownerThread() != null);
            d.lock();
        });
        assertTrue(halted(c).reason().contains("mtx_destroy: mutex softc contested"), c::toString);
    }

    private static boolean waiting(Machine m) {
        return m.threadsSnapshot().stream().anyMatch(t -> t.blockedOn != null);
    }

    @Test
    void aMutexHeldByAnotherThread_panicsOnDestroy() {
        Machine m = machine(2, 1).build();
        Mtx d = new Mtx("softc", Mtx.DEF);
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            d.lock();
            Synch.pause("hold", 100);
            d.unlock();
        });
        m.spawn("reaper", KThread.PRI_MIN_KERN, () -> {
            Programs.spinUntil(() -> d.ownerThread() != null);
            d.destroy();
        });
        assertTrue(halted(m).reason().contains("mtx_destroy: mutex softc owned by"));
    }

    @Test
    void sxRwLockmgrAndRmHeldAtDestroy_panic() {
        Machine m = machine(1, 1).build();
        m.spawn("sx", KThread.PRI_MIN_KERN, () -> {
            Sx sx = new Sx("sx", 0);
            sx.xlock();
            sx.destroy();
        });
        assertTrue(halted(m).reason().contains("sx lock still held"));
        Machine r = machine(1, 1).build();
        r.spawn("rw", KThread.PRI_MIN_KERN, () -> {
            Rw rw = new Rw("rw", 0);
            rw.rlock();
            rw.destroy();
        });
        assertTrue(halted(r).reason().contains("not unlocked"));
        Machine rm = machine(1, 1).build();
        rm.spawn("rm", KThread.PRI_MIN_KERN, () -> {
            RmLock l = new RmLock("rm", 0);
            l.wlock();
            l.destroy();
        });
        assertTrue(halted(rm).reason().contains("rm_destroy: rmlock rm write-locked by"));
    }
}
