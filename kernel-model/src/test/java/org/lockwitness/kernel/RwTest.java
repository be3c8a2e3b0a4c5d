package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RwTest {

    private static SharedLockScenarios.SharedLock adapt(Rw rw) {
        return new SharedLockScenarios.SharedLock(rw::rlock, rw::runlock, rw::wlock, rw::wunlock, KThread.State.LOCK);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void readers_run_in_parallel_and_a_writer_excludes_them(long seed) {
        SharedLockScenarios.readersShareAndAWriterExcludesThem(seed, adapt(new Rw("test rw", 0)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void first_read_waits_behind_a_waiting_writer_second_read_does_not(long seed) {
        SharedLockScenarios.firstReadWaitsBehindWriterSecondDoesNot(seed, adapt(new Rw("test rw", 0)));
    }

    @Test
    void upgrade_and_downgrade() {
        Machine m = Machine.builder().cpus(2).seed(4).build();
        Rw rw = new Rw("test rw", 0);
        AtomicBoolean secondReaderHolds = new AtomicBoolean();
        AtomicBoolean upgradeRefused = new AtomicBoolean();
        AtomicBoolean downgraded = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        m.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            rw.rlock();
            assertTrue(rw.tryUpgrade(), "sole reader must upgrade");
            assertTrue(rw.wowned());
            rw.downgrade();
            assertFalse(rw.wowned());
            downgraded.set(true);
            SharedLockScenarios.spinUntil(secondReaderHolds::get);
            upgradeRefused.set(!rw.tryUpgrade());
            secondReaderHolds.set(false);
            rw.runlock();
            done.set(true);
        }).bindTo(0);
        m.spawn("second reader", KThread.PRI_MIN_KERN, () -> {
            SharedLockScenarios.spinUntil(downgraded::get);
            rw.rlock();
            secondReaderHolds.set(true);
            SharedLockScenarios.spinUntil(() -> !secondReaderHolds.get());
            rw.runlock();
        }).bindTo(1);
        RunResult r = m.run(SharedLockScenarios.STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertTrue(upgradeRefused.get(), "two readers must not upgrade");
        assertTrue(done.get());
    }

    @Test
    void read_lock_while_write_owned_panics() {
        Machine m = Machine.builder().cpus(1).seed(5).build();
        Rw rw = new Rw("test rw", 0);
        m.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            rw.wlock();
            rw.rlock();
        });
        RunResult r = m.run(SharedLockScenarios.STEPS);
        assertEquals(RunResult.Status.HALTED, r.status(), r.toString());
        assertEquals("panic: rw_rlock: wlock already held for test rw", r.reason());
    }
}
