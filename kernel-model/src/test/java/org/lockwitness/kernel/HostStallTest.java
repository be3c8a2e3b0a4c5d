package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The old hang: a kernel thread holds a Java monitor across a scheduling point, the next kernel
 * thread blocks on it on the host with the baton in hand, and nothing runs again. The wall-clock
 * limit must still end the run, and the result must name the monitor and its owner.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostStallTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private static RunResult.ThreadReport thread(RunResult r, String name) {
        return r.threads().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static RunResult runTimed(Machine m) {
        long t0 = System.nanoTime();
        RunResult r = m.run(Programs.LIMIT);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < LIMIT.toMillis() + 5_000, "the run ended " + ms + " ms after it began");
        assertEquals(RunResult.Status.TIMED_OUT, r.status(), r::toString);
        return r;
    }

    @Test
    void a_kernel_thread_blocked_on_the_machine_monitor_its_owner_holds_across_a_switch_times_out_named() {
        Machine m = machine(1, 1).wallClockLimit(LIMIT).build();
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            synchronized (m) {
                Synch.pause("hold", 1);
            }
        });
        m.spawn("blocked", KThread.PRI_MIN_KERN, () -> {
            synchronized (m) {
                Machine.window();
            }
        });
        RunResult r = runTimed(m);
        String blocked = thread(r, "blocked").host();
        assertTrue(blocked.startsWith("blocked on the Java monitor " + Machine.class.getName() + "@"), r::toString);
        assertTrue(blocked.contains("owned by kernel thread holder(tid "), r::toString);
        String holder = thread(r, "holder").host();
        assertTrue(holder.startsWith("parked for its CPU while it holds " + Machine.class.getName() + "@"),
                r::toString);
        assertTrue(r.reason().contains("; stuck on the host: "), r::reason);
        assertTrue(r.reason().contains(") blocked on the Java monitor " + Machine.class.getName() + "@"), r::reason);
        assertTrue(r.toString().contains("host: blocked on the Java monitor"), r::toString);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.run(10));
        assertTrue(e.getMessage().contains("poisoned"));
    }

    @Test
    void a_kernel_thread_waiting_on_a_lock_held_across_a_window_on_another_cpu_times_out_named() {
        ReentrantLock lock = new ReentrantLock();
        Machine m = machine(2, 1).wallClockLimit(LIMIT).build();
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            lock.lock();
            try {
                for (;;) {
                    Machine.window();
                }
            } finally {
                lock.unlock();
            }
        }).bindTo(0);
        m.spawn("waiter", KThread.PRI_MIN_KERN, () -> {
            for (;;) {
                Machine.window();
                if (lock.tryLock()) {
                    lock.unlock();
                } else {
                    lock.lock();
                }
            }
        }).bindTo(1);
        RunResult r = runTimed(m);
        String waiter = thread(r, "waiter").host();
        assertTrue(waiter.startsWith("waiting on java.util.concurrent.locks.ReentrantLock$NonfairSync@"), r::toString);
        assertTrue(waiter.contains("owned by kernel thread holder(tid "), r::toString);
        assertTrue(thread(r, "holder").host().contains("while it holds java.util.concurrent.locks.ReentrantLock"),
                r::toString);
    }

    @Test
    void an_atomic_section_skips_windows_and_refuses_any_other_scheduling_point() {
        Machine m = machine(2, 3).build();
        long[] steps = new long[2];
        m.spawn("builder", KThread.PRI_MIN_KERN, () -> {
            steps[0] = m.steps();
            Machine.atomically(() -> {
                for (int i = 0; i < 100; i++) {
                    Machine.window();
                }
                return null;
            });
            steps[1] = m.steps();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Machine.atomically(() -> {
                        Machine.cpuSpinwait();
                        return null;
                    }));
            assertTrue(e.getMessage().contains("SPIN scheduling point in an atomic section"), e::getMessage);
        });
        runToCompletion(m);
        assertEquals(steps[0], steps[1], "no window was taken in the atomic section");
    }

    @Test
    void callouts_armed_first_during_the_run_by_threads_on_two_cpus_share_one_softclock() {
        for (Machine.Mode mode : Machine.Mode.values()) {
            Machine m = machine(2, 5).mode(mode).build();
            int[] fired = new int[1];
            Mtx mtx = new Mtx("count", Mtx.SPIN);
            for (int cpu = 0; cpu < 2; cpu++) {
                Callout c = new Callout(m, true);
                m.spawn("arm" + cpu, KThread.PRI_MIN_KERN, () -> {
                    c.reset(1, () -> {
                        mtx.lockSpin();
                        fired[0]++;
                        mtx.unlockSpin();
                    });
                    Synch.pause("wait", 3);
                }).bindTo(cpu);
            }
            runToCompletion(m);
            assertEquals(2, fired[0], mode::name);
            assertEquals(1, m.threadsSnapshot().stream().filter(t -> t.name.equals("swi4: clock")).count(),
                    mode::name);
        }
    }
}
