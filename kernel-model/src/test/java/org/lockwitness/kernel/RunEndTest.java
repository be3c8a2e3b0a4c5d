package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.kernel.probe.RunEnd;
import org.lockwitness.kernel.probe.RunStart;
import org.lockwitness.kernel.probe.ScheduleInfo;

/**
 * Every machine run tells the installed checker that it starts and, once its kernel threads have
 * stopped, how it ended: each outcome, a step limit told apart from a hang, the waiters of a hang
 * and the text of a panic.
 */
class RunEndTest {

    /** Records what the machine tells it, and whether the run's carriers were still alive then. */
    private static final class Recording extends Checker {
        final List<Object> calls = new ArrayList<>();

        @Override
        public boolean isPresent() {
            return true;
        }

        @Override
        public void reset() {
        }

        @Override
        public List<CheckerFinding> findings() {
            return List.of();
        }

        @Override
        public void runInfo(ScheduleInfo info) {
        }

        @Override
        public void runStarted(RunStart start) {
            calls.add(start);
        }

        @Override
        public void runEnded(RunEnd end) {
            calls.add(end);
        }
    }

    private final Recording checker = new Recording();

    @AfterEach
    void uninstall() {
        Checker.install(Checker.none());
    }

    private RunEnd run(Machine m, long steps) {
        Checker.install(checker);
        checker.calls.clear();
        m.run(steps);
        assertEquals(2, checker.calls.size(), checker.calls::toString);
        RunStart start = (RunStart) checker.calls.get(0);
        RunEnd end = (RunEnd) checker.calls.get(1);
        assertEquals(start.machine(), end.machine());
        return end;
    }

    @Test
    void aCompletedRun_isToldWithItsSeedStrategyModeAndCpus() {
        Machine m = Programs.machine(3, 42).build();
        m.spawn("t", KThread.PRI_MIN_KERN, Machine::window);
        RunEnd end = run(m, Programs.LIMIT);
        RunStart start = (RunStart) checker.calls.get(0);
        assertEquals(new RunStart(start.machine(), 42, "random", "DETERMINISTIC", 3), start);
        assertEquals("COMPLETED", end.outcome());
        assertEquals(List.of(), end.waiters());
        assertTrue(end.steps() > 0 && end.wallNanos() > 0, end::toString);
    }

    @Test
    void aHang_namesItsWaiters_andAStepLimitIsNotAHang() {
        Machine m = Programs.machine(2, 1).build();
        m.spawn("x", KThread.PRI_MIN_KERN, () -> Synch.tsleep("y done", 0, "wait y", 0));
        RunEnd hung = run(m, Programs.LIMIT);
        assertEquals("HUNG", hung.outcome());
        assertEquals(1, hung.waiters().size(), hung::toString);
        assertTrue(hung.waiters().get(0).startsWith("x (tid "), hung::toString);
        assertTrue(hung.waiters().get(0).endsWith("SLEEPING on \"wait y\""), hung::toString);

        Machine spin = Programs.machine(1, 1).build();
        spin.spawn("forever", KThread.PRI_MIN_KERN, () -> {
            for (;;) {
                Machine.window();
            }
        });
        RunEnd limited = run(spin, 10_000);
        assertEquals("STEP_LIMIT", limited.outcome());
        assertEquals("step limit of 10000 scheduling points reached", limited.reason());
        assertEquals(List.of(), limited.waiters());
    }

    @Test
    void aPanic_isHaltedWithThePanicText() {
        Machine m = Programs.machine(1, 1).build();
        m.spawn("p", KThread.PRI_MIN_KERN, Critical::exit);
        RunEnd end = run(m, Programs.LIMIT);
        assertEquals("HALTED", end.outcome());
        assertEquals("panic: critical_exit: td_critnest == 0", end.reason());
    }

    @Test
    void parallelRuns_endOnlyOnceNoKernelThreadRunsAnyMore() {
        for (int i = 0; i < 20; i++) {
            Machine m = Programs.machine(2, i).mode(Machine.Mode.PARALLEL).build();
            Mtx spin = new Mtx("spin counter", Mtx.SPIN);
            for (int t = 0; t < 3; t++) {
                m.spawn("t" + t, KThread.PRI_MIN_KERN, () -> {
                    for (int k = 0; k < 200; k++) {
                        spin.lockSpin();
                        spin.unlockSpin();
                    }
                });
            }
            m.spawnDaemon("daemon", KThread.PRI_MIN_KERN, () -> {
                for (;;) {
                    spin.lockSpin();
                    spin.unlockSpin();
                }
            });
            RunEnd end = run(m, Programs.LIMIT);
            assertEquals("COMPLETED", end.outcome(), end::toString);
            for (KThread td : m.threadsSnapshot()) {
                assertFalse(td.carrier.isAlive(), td + " still runs after the run of machine " + end.machine());
            }
        }
    }
}
