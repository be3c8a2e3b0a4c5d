package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;
import static org.lockwitness.kernel.Programs.spinUntil;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lockwitness.scenarios.Scenarios;

/** Callouts, taskqueues, grouptasks, per-CPU data, and the model's lost-wakeup detection. */
class DeferredWorkTest {

    @Test
    void a_callout_fires_after_n_ticks_under_giant_unless_mpsafe_and_not_after_stop() {
        Machine m = machine(2, 1).build();
        AtomicLong firedAt = new AtomicLong(-1);
        AtomicBoolean giantInLegacy = new AtomicBoolean();
        AtomicBoolean giantInMpsafe = new AtomicBoolean(true);
        AtomicBoolean stoppedRan = new AtomicBoolean();
        Mtx own = new Mtx("callout owner", Mtx.DEF);
        AtomicBoolean ownHeld = new AtomicBoolean();
        m.spawn("arm", KThread.PRI_MIN_KERN, () -> {
            long t0 = m.ticks();
            Callout legacy = new Callout(m, false);
            Callout mpsafe = new Callout(m, true);
            Callout stopped = new Callout(m, true);
            Callout withMtx = new Callout(m, own, 0);
            legacy.reset(4, () -> {
                firedAt.set(m.ticks() - t0);
                giantInLegacy.set(m.giant().owned());
            });
            mpsafe.reset(2, () -> giantInMpsafe.set(m.giant().owned()));
            stopped.reset(3, () -> stoppedRan.set(true));
            withMtx.reset(1, () -> ownHeld.set(own.owned()));
            assertTrue(stopped.stop());
            assertFalse(stopped.pending());
            Synch.pause("wait", 8);
        });
        runToCompletion(m);
        assertTrue(firedAt.get() >= 4 && firedAt.get() <= 5, "fired after " + firedAt.get() + " ticks");
        assertTrue(giantInLegacy.get());
        assertFalse(giantInMpsafe.get());
        assertFalse(stoppedRan.get());
        assertTrue(ownHeld.get(), "callout_init_mtx runs under its mutex");
    }

    @Test
    void taskqueue_and_grouptask_run_their_tasks_and_a_filter_may_enqueue_a_grouptask() {
        Machine m = machine(2, 2).build();
        Taskqueue tq = new Taskqueue(m, "thread", false);
        tq.startThreads(1, KThread.PRI_MIN_KERN, -1);
        TaskqGroup io = new TaskqGroup(m, "if_io_tqg", 2, KThread.PI_NET);
        AtomicInteger tasks = new AtomicInteger();
        AtomicInteger groupRuns = new AtomicInteger();
        Task task = new Task("work", tasks::incrementAndGet);
        GroupTask rx = new GroupTask("rxq0", groupRuns::incrementAndGet);
        rx.attach(io, 1);
        InterruptSource irq = m.interruptSource("rxq0", 1, KThread.PI_NET);
        irq.addHandler("iflib_fast_intr", () -> {
            rx.enqueue();
            return Filter.FILTER_HANDLED;
        }, null, InterruptSource.INTR_MPSAFE);
        m.spawn("driver", KThread.PRI_MIN_KERN, () -> {
            tq.enqueue(task);
            tq.drain(task);
            irq.raise();
            spinUntil(() -> groupRuns.get() > 0);
            rx.enqueue();
            spinUntil(() -> groupRuns.get() > 1);
        });
        runToCompletion(m);
        assertEquals(1, tasks.get());
        assertEquals(2, groupRuns.get());
    }

    @Test
    void per_cpu_data_is_the_running_cpus_element() {
        Machine m = machine(2, 3).build();
        Pcpu<int[]> counters = new Pcpu<>(m, "counters", cpu -> new int[] {cpu});
        AtomicInteger seen = new AtomicInteger(-1);
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            Sched.bind(1);
            seen.set(counters.get()[0]);
        });
        runToCompletion(m);
        assertEquals(1, seen.get());
    }

    /** The shared fixture: a check under a mutex, then a sleep without it; the wakeup falls in between. */
    private static RunResult checkThenSleep(boolean interlocked) {
        Machine m = machine(1, 5).build();
        Scenarios.checkThenSleep(m, interlocked);
        return m.run(Programs.LIMIT);
    }

    @Test
    void a_check_then_sleep_with_a_wakeup_in_between_is_a_lost_wakeup_and_tsleep_interlock_is_not() {
        RunResult lost = checkThenSleep(false);
        assertEquals(RunResult.Status.HUNG, lost.status());
        assertEquals(List.of("lost wakeup: sleeper sleeps on buffer ready whose wakeup by waker came before its sleep"),
                lost.detections());
        RunResult ok = checkThenSleep(true);
        assertEquals(RunResult.Status.COMPLETED, ok.status(), ok::toString);
        assertEquals(List.of(), ok.detections());
    }
}
