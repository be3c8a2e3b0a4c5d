package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SxTest {

    private static SharedLockScenarios.SharedLock adapt(Sx sx) {
        return new SharedLockScenarios.SharedLock(sx::slock, sx::sunlock, sx::xlock, sx::xunlock, KThread.State.SLEEPING);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void readers_run_in_parallel_and_a_writer_excludes_them(long seed) {
        SharedLockScenarios.readersShareAndAWriterExcludesThem(seed, adapt(new Sx("test sx", 0)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void first_read_waits_behind_a_waiting_writer_second_read_does_not(long seed) {
        SharedLockScenarios.firstReadWaitsBehindWriterSecondDoesNot(seed, adapt(new Sx("test sx", 0)));
    }

    @Test
    void try_operations_upgrade_and_downgrade() {
        Machine m = Machine.builder().cpus(2).seed(4).build();
        Sx sx = new Sx("test sx", 0);
        AtomicBoolean done = new AtomicBoolean();
        m.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            assertTrue(sx.trySlock());
            assertTrue(sx.tryUpgrade(), "sole sharer must upgrade");
            assertTrue(sx.xlocked());
            assertFalse(sx.trySlock(), "shared try of an exclusively held sx");
            sx.downgrade();
            assertFalse(sx.xlocked());
            assertTrue(sx.trySlock(), "a second share after the downgrade");
            assertFalse(sx.tryUpgrade(), "two shares must not upgrade");
            assertFalse(sx.tryXlock());
            sx.sunlock();
            sx.sunlock();
            assertTrue(sx.tryXlock());
            sx.xunlock();
            done.set(true);
        });
        RunResult r = m.run(SharedLockScenarios.STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertTrue(done.get());
    }

    @Test
    void downgrade_lets_a_waiting_reader_in_while_the_writer_still_reads() {
        Machine m = Machine.builder().cpus(2).seed(5).build();
        Sx sx = new Sx("test sx", 0);
        AtomicBoolean readerIn = new AtomicBoolean();
        AtomicBoolean bothRead = new AtomicBoolean();
        AtomicBoolean checked = new AtomicBoolean();
        KThread[] reader = new KThread[1];
        m.spawn("writer", KThread.PRI_MIN_KERN, () -> {
            sx.xlock();
            SharedLockScenarios.spinUntil(() -> reader[0].state() == KThread.State.SLEEPING);
            sx.downgrade();
            SharedLockScenarios.spinUntil(readerIn::get);
            bothRead.set(!sx.tryUpgrade());
            checked.set(true);
            sx.sunlock();
        }).bindTo(0);
        reader[0] = m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            sx.slock();
            readerIn.set(true);
            SharedLockScenarios.spinUntil(checked::get);
            sx.sunlock();
        }).bindTo(1);
        RunResult r = m.run(SharedLockScenarios.STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertTrue(bothRead.get(), "the woken reader and the downgraded writer must share the lock");
    }

    @Test
    void recursion_needs_sx_recurse() {
        Machine ok = Machine.builder().cpus(1).seed(6).build();
        Sx recursive = new Sx("recursive sx", Sx.RECURSE);
        AtomicBoolean released = new AtomicBoolean();
        ok.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            recursive.xlock();
            recursive.xlock();
            recursive.xunlock();
            assertTrue(recursive.xlocked(), "one level is still held");
            recursive.xunlock();
            released.set(!recursive.xlocked());
        });
        RunResult r = ok.run(SharedLockScenarios.STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertTrue(released.get());

        Machine bad = Machine.builder().cpus(1).seed(6).build();
        Sx plain = new Sx("plain sx", 0);
        bad.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            plain.xlock();
            plain.xlock();
        });
        RunResult h = bad.run(SharedLockScenarios.STEPS);
        assertEquals(RunResult.Status.HALTED, h.status(), h.toString());
        assertEquals("panic: _sx_xlock_hard: recursed on non-recursive sx plain sx", h.reason());
    }
}
