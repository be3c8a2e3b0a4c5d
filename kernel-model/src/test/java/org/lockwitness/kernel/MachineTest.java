package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lockwitness.scenarios.Scenarios;

/** Run results, hangs, halts, time-outs and PARALLEL mode. */
class MachineTest {

    @Test
    void two_threads_waiting_on_each_other_are_reported_hung_with_what_they_wait_for_and_the_deadlock_named() {
        Machine m = machine(2, 1).build();
        Scenarios.abbaDeadlock(m);
        RunResult r = m.run(Programs.LIMIT);
        assertEquals(RunResult.Status.HUNG, r.status(), r::toString);
        assertEquals(KThread.State.LOCK, r.threads().get(0).state());
        assertTrue(r.threads().get(0).waitingFor().contains("\"lock b\" held by ba"), r::toString);
        assertTrue(r.threads().get(1).waitingFor().contains("\"lock a\" held by ab"), r::toString);
        assertEquals(java.util.List.of("deadlock: ab waits for \"lock b\" held by ba, ba waits for \"lock a\" held by ab"),
                r.detections());
    }

    @Test
    void sleepers_waiting_for_each_others_wakeup_hang_and_a_livelock_hits_the_step_limit() {
        Machine m = machine(2, 1).build();
        m.spawn("x", KThread.PRI_MIN_KERN, () -> Synch.tsleep("y done", 0, "wait y", 0));
        m.spawn("y", KThread.PRI_MIN_KERN, () -> Synch.tsleep("x done", 0, "wait x", 0));
        RunResult r = m.run(Programs.LIMIT);
        assertEquals(RunResult.Status.HUNG, r.status());
        assertEquals("\"wait y\"", r.threads().get(0).waitingFor());

        Machine spin = machine(1, 1).build();
        spin.spawn("forever", KThread.PRI_MIN_KERN, () -> {
            for (;;) {
                Machine.window();
            }
        });
        RunResult s = spin.run(10_000);
        assertEquals(RunResult.Status.STEP_LIMIT, s.status());
        assertTrue(s.reason().contains("step limit"), s::reason);
    }

    @Test
    void an_exception_in_a_kernel_thread_halts_the_machine_and_is_in_the_result() {
        Machine m = machine(2, 1).build();
        IllegalStateException boom = new IllegalStateException("boom");
        m.spawn("thrower", KThread.PRI_MIN_KERN, () -> {
            Machine.window();
            throw boom;
        });
        m.spawn("other", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < 1000; i++) {
                Machine.window();
            }
        });
        RunResult r = m.run(Programs.LIMIT);
        assertEquals(RunResult.Status.HALTED, r.status());
        assertEquals(boom, r.cause());
        assertTrue(r.reason().contains("boom"));
    }

    @Test
    void a_model_panic_halts_with_its_message() {
        Machine m = machine(1, 1).build();
        m.spawn("p", KThread.PRI_MIN_KERN, Critical::exit);
        RunResult r = m.run(Programs.LIMIT);
        assertEquals(RunResult.Status.HALTED, r.status());
        assertInstanceOf(KernelPanic.class, r.cause());
        assertEquals("critical_exit: td_critnest == 0", r.cause().getMessage());
    }

    @Test
    void a_wall_clock_time_out_poisons_the_machine_and_never_hangs_the_test() {
        Machine m = machine(1, 1).wallClockLimit(Duration.ofMillis(300)).build();
        m.spawn("stuck", KThread.PRI_MIN_KERN, () -> {
            long until = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        RunResult r = m.run(Programs.LIMIT);
        assertEquals(RunResult.Status.TIMED_OUT, r.status());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.run(10));
        assertTrue(e.getMessage().contains("poisoned"));
    }

    @Test
    void parallel_mode_smoke() {
        Machine m = machine(2, 1).mode(Machine.Mode.PARALLEL).build();
        Mtx mtx = new Mtx("counter", Mtx.DEF);
        Mtx spin = new Mtx("spin counter", Mtx.SPIN);
        AtomicInteger n = new AtomicInteger();
        int[] plain = new int[1];
        for (int t = 0; t < 4; t++) {
            m.spawn("w" + t, KThread.PRI_MIN_KERN, () -> {
                for (int i = 0; i < 500; i++) {
                    mtx.lock();
                    plain[0]++;
                    mtx.unlock();
                    spin.lockSpin();
                    n.incrementAndGet();
                    spin.unlockSpin();
                }
            });
        }
        RunResult r = runToCompletion(m);
        assertEquals(2000, plain[0], "the sleep mutex excluded");
        assertEquals(2000, n.get());
        assertEquals(0, r.trace().size(), "no decision trace in PARALLEL mode");
    }

    @Test
    void bad_configuration_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Machine.builder().cpus(0));
        Machine m = machine(2, 1).build();
        assertThrows(IllegalArgumentException.class, () -> m.spawn("x", 255, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> m.interruptSource("x", 5, 20));
        assertThrows(IllegalArgumentException.class, () -> new Mtx("m", 0x4000));
        assertNotEquals(null, m.giant());
    }
}
