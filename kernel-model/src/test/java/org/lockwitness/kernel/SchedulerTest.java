package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;
import static org.lockwitness.kernel.Programs.spinUntil;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The machine's scheduler: critical sections, preemption, IPI_PREEMPT, pinning. */
class SchedulerTest {

    @Test
    void wakeup_in_nested_critical_section_switches_exactly_at_outermost_exit() {
        Machine m = machine(1, 7).build();
        Object ident = new Object();
        AtomicInteger phase = new AtomicInteger();
        AtomicInteger phaseSeenByIthread = new AtomicInteger(-1);
        AtomicInteger critnestSeen = new AtomicInteger(-1);
        AtomicReference<KThread> low = new AtomicReference<>();
        m.spawn("ithread-pri", KThread.PI_NET, () -> {
            Synch.tsleep(ident, 0, "wait", 0);
            phaseSeenByIthread.set(phase.get());
            critnestSeen.set(low.get().critnest);
        });
        m.spawn("low", KThread.PRI_MIN_KERN, () -> {
            KThread td = KThread.curthread();
            low.set(td);
            Critical.enter();
            Critical.enter();
            Synch.wakeup(ident);
            assertTrue(td.owepreempt, "the wakeup is deferred");
            phase.set(1);
            Critical.exit();
            phase.set(2);
            Critical.exit();
            phase.set(3);
            assertEquals(2, phaseSeenByIthread.get(), "switched at the outermost exit");
        });
        runToCompletion(m);
        assertEquals(2, phaseSeenByIthread.get());
        assertEquals(1, critnestSeen.get(), "switched out at critnest 1: the thread lock, as mi_switch requires");
    }

    @Test
    void thread_made_runnable_for_another_cpu_preempts_there_through_ipi_preempt() {
        Machine m = machine(2, 11).build();
        Object ident = new Object();
        AtomicBoolean ran = new AtomicBoolean();
        AtomicReference<KThread.State> busyState = new AtomicReference<>();
        AtomicInteger ranOn = new AtomicInteger(-1);
        KThread busy = m.spawn("busy", KThread.PRI_MIN_KERN + 20, () -> spinUntil(ran::get)).bindTo(1);
        m.spawn("urgent", KThread.PI_NET, () -> {
            Synch.tsleep(ident, 0, "wait", 0);
            ranOn.set(KThread.curthread().cpuId());
            busyState.set(busy.state());
            ran.set(true);
        }).bindTo(1);
        m.spawn("waker", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> busy.state() == KThread.State.RUNNING);
            Synch.wakeup(ident);
        }).bindTo(0);
        RunResult r = runToCompletion(m);
        assertEquals(1, ranOn.get());
        assertEquals(KThread.State.RUNQ, busyState.get(), "the busy thread was preempted");
        assertTrue(r.trace().count("cpu1 takes IPI_PREEMPT") >= 1, r.trace().toString());
    }

    @Test
    void pinned_thread_stays_on_its_cpu_across_a_preemption() {
        assertEquals(0, cpuAfterPreemption(true));
        assertEquals(1, cpuAfterPreemption(false), "without the pin the thread moves to the idle CPU");
    }

    private static int cpuAfterPreemption(boolean pin) {
        Machine m = machine(2, 3).build();
        Object ident = new Object();
        AtomicInteger after = new AtomicInteger(-1);
        AtomicBoolean preempted = new AtomicBoolean();
        m.spawn("ithread-pri", KThread.PI_NET, () -> {
            Synch.tsleep(ident, 0, "wait", 0);
            preempted.set(true);
        }).bindTo(0);
        m.spawn("worker", KThread.PRI_MIN_KERN, () -> {
            Sched.bind(0);
            Sched.unbind();
            if (pin) {
                Sched.pin();
            }
            Synch.wakeup(ident);
            assertTrue(preempted.get(), "the wakeup preempted the worker");
            after.set(KThread.curthread().cpuId());
            if (pin) {
                Sched.unpin();
            }
        });
        runToCompletion(m);
        return after.get();
    }

    @Test
    void yield_lets_an_equal_priority_thread_run() {
        Machine m = machine(1, 5).build();
        StringBuffer order = new StringBuffer();
        m.spawn("a", KThread.PRI_MIN_KERN, () -> {
            order.append('a');
            Sched.yield();
            order.append('a');
        });
        m.spawn("b", KThread.PRI_MIN_KERN, () -> order.append('b'));
        runToCompletion(m);
        assertEquals("aba", order.toString());
    }

    @Test
    void a_thread_spawned_during_the_run_is_queued_on_the_idle_cpu_and_runs() {
        Machine m = machine(2, 9).build();
        AtomicInteger childCpu = new AtomicInteger(-1);
        AtomicInteger parentCpu = new AtomicInteger(-1);
        m.spawn("parent", KThread.PRI_MIN_KERN, () -> {
            parentCpu.set(KThread.curthread().cpuId());
            KThread.curthread().machine().spawn("child", KThread.PRI_MIN_KERN,
                    () -> childCpu.set(KThread.curthread().cpuId()));
            spinUntil(() -> childCpu.get() >= 0);
        });
        runToCompletion(m);
        assertEquals(1 - parentCpu.get(), childCpu.get(), "sched_add chose the idle CPU");
    }
}
