package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;
import static org.lockwitness.kernel.Programs.spinUntil;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Device interrupts, filters, ithreads, spin mutex contention. */
class InterruptTest {

    /** What the ithread saw of the thread it preempted. */
    record Seen(KThread.State state, int intrNesting, int critnest, int eoiPending, int phase) {
    }

    private static Seen preemptByIthread(boolean insideCriticalSection) {
        Machine m = machine(1, 5).strategy(new RandomStrategy(5, 16, 1.0)).build();
        AtomicReference<KThread> low = new AtomicReference<>();
        AtomicReference<Seen> seen = new AtomicReference<>();
        AtomicBoolean filtered = new AtomicBoolean();
        AtomicInteger phase = new AtomicInteger();
        InterruptSource irq = m.interruptSource("dev", 0, KThread.PI_NET);
        irq.addHandler("dev", () -> {
            filtered.set(true);
            return Filter.FILTER_SCHEDULE_THREAD;
        }, () -> {
            KThread l = low.get();
            seen.set(new Seen(l.state(), l.intrNesting, l.critnest, m.cpus[0].eoiPending, phase.get()));
        }, InterruptSource.INTR_MPSAFE);
        m.spawn("low", KThread.PRI_MIN_KERN, () -> {
            low.set(KThread.curthread());
            if (insideCriticalSection) {
                Critical.enter();
            }
            irq.raise();
            spinUntil(filtered::get);
            phase.set(1);
            if (insideCriticalSection) {
                assertEquals(null, seen.get(), "no switch inside the critical section");
                Critical.exit();
            }
            spinUntil(() -> seen.get() != null);
        });
        runToCompletion(m);
        return seen.get();
    }

    @Test
    void filter_scheduling_its_ithread_preempts_at_the_interrupts_critical_exit_after_eoi() {
        Seen s = preemptByIthread(false);
        assertEquals(KThread.State.RUNQ, s.state(), "the low thread was preempted");
        assertEquals(1, s.intrNesting(), "from inside the interrupt path");
        assertEquals(0, s.eoiPending(), "after EOI");
        assertEquals(0, s.phase(), "before the thread went on");
    }

    @Test
    void same_filter_inside_a_critical_section_defers_the_switch_to_the_outermost_exit() {
        Seen s = preemptByIthread(true);
        assertEquals(KThread.State.RUNQ, s.state());
        assertEquals(0, s.intrNesting(), "not from the interrupt: from the thread's own critical_exit");
        assertEquals(1, s.phase(), "after the interrupt returned");
        assertEquals(1, s.critnest(), "switched holding only the thread lock");
    }

    @Test
    void a_pure_filter_runs_inline_and_a_non_mpsafe_handler_runs_under_giant() {
        Machine m = machine(2, 8).build();
        AtomicInteger filters = new AtomicInteger();
        AtomicBoolean giantHeld = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        InterruptSource irq = m.interruptSource("shared", 1, KThread.PI_NET);
        irq.addHandler("fast", () -> {
            filters.incrementAndGet();
            return Filter.FILTER_HANDLED;
        }, null, InterruptSource.INTR_MPSAFE);
        irq.addHandler("legacy", null, () -> {
            giantHeld.set(m.giant().owned());
            done.set(true);
        }, 0);
        m.spawn("raiser", KThread.PRI_MIN_KERN, () -> {
            irq.raise();
            spinUntil(done::get);
        });
        runToCompletion(m);
        assertEquals(1, filters.get());
        assertTrue(giantHeld.get());
    }

    @Test
    void spin_mutex_contention_between_two_cpus_completes() {
        for (long seed = 0; seed < 5; seed++) {
            Machine m = machine(2, seed).build();
            Mtx spin = new Mtx("contended", Mtx.SPIN);
            int[] count = new int[1];
            for (int cpu = 0; cpu < 2; cpu++) {
                m.spawn("spinner" + cpu, KThread.PRI_MIN_KERN, () -> {
                    for (int i = 0; i < 200; i++) {
                        spin.lockSpin();
                        int v = count[0];
                        Machine.window();
                        count[0] = v + 1;
                        spin.unlockSpin();
                    }
                }).bindTo(cpu);
            }
            runToCompletion(m);
            assertEquals(400, count[0], "seed " + seed);
        }
    }

    /**
     * A filter that takes a spin mutex on a CPU whose thread was spinning on another one is not a
     * spin cycle: the handler will release its mutex. Before the fix, the spinning thread's mark
     * survived into the handler, and the CPU spinning on the filter's mutex ended the run HUNG.
     */
    @Test
    void a_filter_taking_a_spin_mutex_while_its_cpu_spins_is_no_spin_cycle() {
        for (Machine.Mode mode : Machine.Mode.values()) {
            Machine m = machine(2, 9).mode(mode).build();
            Mtx outer = new Mtx("outer", Mtx.SPIN);
            Mtx inFilter = new Mtx("in filter", Mtx.SPIN);
            AtomicReference<KThread> spinner = new AtomicReference<>();
            AtomicReference<KThread> holder = new AtomicReference<>();
            AtomicBoolean filtered = new AtomicBoolean();
            InterruptSource irq = m.interruptSource("dev", 1, KThread.PI_NET);
            irq.addHandler("dev", () -> {
                inFilter.lockSpin();
                spinUntil(() -> holder.get().blockedOn == inFilter);
                inFilter.unlockSpin();
                filtered.set(true);
                return Filter.FILTER_HANDLED;
            }, null, InterruptSource.INTR_MPSAFE);
            m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
                holder.set(KThread.curthread());
                outer.lockSpin();
                spinUntil(() -> spinner.get() != null && spinner.get().blockedOn == outer);
                irq.raise();
                spinUntil(() -> inFilter.exclusiveOwner() != null);
                inFilter.lockSpin();
                inFilter.unlockSpin();
                outer.unlockSpin();
            }).bindTo(0);
            m.spawn("spinner", KThread.PRI_MIN_KERN, () -> {
                spinner.set(KThread.curthread());
                spinUntil(() -> outer.exclusiveOwner() != null);
                outer.lockSpin();
                outer.unlockSpin();
            }).bindTo(1);
            runToCompletion(m);
            assertTrue(filtered.get(), mode::name);
        }
    }
}
