package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** SMP rendezvous: barriers, the sentinel, concurrent initiators, and the r222254 gap. */
class RendezvousTest {

    @Test
    void setup_action_and_teardown_run_on_every_cpu_in_the_set_with_barriers() {
        Machine m = machine(4, 21).build();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        m.spawn("initiator", KThread.PRI_MIN_KERN, () -> Smp.rendezvousCpus(0b1011,
                () -> log.add("setup" + KThread.curthread().cpuId()),
                () -> log.add("action" + KThread.curthread().cpuId()),
                () -> log.add("teardown" + KThread.curthread().cpuId())));
        runToCompletion(m);
        assertEquals(9, log.size(), log::toString);
        for (int cpu : new int[] {0, 1, 3}) {
            assertTrue(log.contains("setup" + cpu) && log.contains("action" + cpu) && log.contains("teardown" + cpu));
        }
        assertFalse(log.toString().contains("2"), "cpu2 is not in the set");
        int lastSetup = 0;
        int firstAction = log.size();
        int lastAction = 0;
        int firstTeardown = log.size();
        for (int i = 0; i < log.size(); i++) {
            String e = log.get(i);
            if (e.startsWith("setup")) {
                lastSetup = i;
            } else if (e.startsWith("action")) {
                firstAction = Math.min(firstAction, i);
                lastAction = i;
            } else {
                firstTeardown = Math.min(firstTeardown, i);
            }
        }
        assertTrue(lastSetup < firstAction, "setup barrier: " + log);
        assertTrue(lastAction < firstTeardown, "action barrier: " + log);
    }

    @Test
    void the_no_barrier_sentinel_skips_its_barriers() {
        Machine m = machine(3, 4).build();
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        m.spawn("initiator", KThread.PRI_MIN_KERN, () -> Smp.rendezvous(Smp.NO_BARRIER,
                () -> ran.add(KThread.curthread().cpuId()), Smp.NO_BARRIER));
        runToCompletion(m);
        assertEquals(3, ran.size());
        assertEquals(0, m.rendezvous.waiters.get(1), "no setup barrier");
        assertEquals(0, m.rendezvous.waiters.get(2), "no teardown barrier");
        assertEquals(3, m.rendezvous.waiters.get(3));
    }

    @Test
    void two_cpus_initiating_at_once_complete_because_the_spinning_one_takes_the_ipi() {
        for (long seed = 0; seed < 10; seed++) {
            Machine m = machine(2, seed).build();
            Mtx spin = new Mtx("rm_spinlock", Mtx.SPIN);
            int[] actions = new int[1];
            for (int cpu = 0; cpu < 2; cpu++) {
                m.spawn("initiator" + cpu, KThread.PRI_MIN_KERN, () -> Smp.rendezvous(null, () -> {
                    spin.lockSpin();
                    actions[0]++;
                    spin.unlockSpin();
                }, null)).bindTo(cpu);
            }
            runToCompletion(m);
            assertEquals(4, actions[0], "seed " + seed);
        }
    }

    /** What the preempting thread saw. */
    record Gap(boolean ranInsideHandler, boolean eoiPending, boolean stillOwedAfterHandler) {
    }

    /**
     * A thread on cpu0 stands in critical_exit's gap (critnest 0, owepreempt set, a more urgent
     * thread queued) when a rendezvous IPI arrives whose action takes and releases a spin mutex.
     */
    private static Gap gap(Machine.RendezvousAction action) {
        AtomicBoolean armed = new AtomicBoolean();
        Strategy base = new RandomStrategy(13);
        Strategy strategy = new Strategy() {
            @Override
            public String name() {
                return "gap";
            }

            @Override
            public boolean deliver(SchedulingPoint p, int vector) {
                return p.cpu() != 0 || (armed.get() && vector == Irq.IPI_RENDEZVOUS);
            }

            @Override
            public int nextCpu(SchedulingPoint p) {
                return base.nextCpu(p);
            }
        };
        Machine m = machine(2, 13).strategy(strategy).rendezvousAction(action).build();
        Mtx rmSpinlock = new Mtx("rm_spinlock", Mtx.SPIN);
        Object ident = new Object();
        AtomicReference<KThread> gapThread = new AtomicReference<>();
        AtomicReference<Boolean> inHandler = new AtomicReference<>();
        AtomicReference<Boolean> eoi = new AtomicReference<>();
        AtomicBoolean owedAfter = new AtomicBoolean();
        m.spawn("urgent", KThread.PI_NET, () -> {
            Synch.tsleep(ident, 0, "wait", 0);
            inHandler.set(gapThread.get().inRendezvous);
            eoi.set(m.cpus[0].eoiPending > 0);
        }).bindTo(0);
        m.spawn("gap", KThread.PRI_MIN_KERN, () -> {
            KThread td = KThread.curthread();
            gapThread.set(td);
            Cpu cpu0 = td.cpu;
            boolean was = Intr.disable();
            while ((cpu0.ipiPending.get() & Irq.bit(Irq.IPI_RENDEZVOUS)) == 0) {
                Machine.cpuSpinwait();
            }
            Critical.enter();
            Synch.wakeup(ident);
            td.critnest = 0;
            assertTrue(td.owepreempt);
            cpu0.intrEnabled = was;
            armed.set(true);
            Machine.window();
            armed.set(false);
            owedAfter.set(td.owepreempt);
            if (td.owepreempt) {
                Critical.preempt(td);
            }
        }).bindTo(0);
        m.spawn("writer", KThread.PRI_MIN_KERN, () -> Smp.rendezvous(Smp.NO_BARRIER, () -> {
            rmSpinlock.lockSpin();
            rmSpinlock.unlockSpin();
        }, Smp.NO_BARRIER)).bindTo(1);
        runToCompletion(m);
        assertNotNull(inHandler.get(), "the urgent thread ran");
        return new Gap(inHandler.get(), eoi.get(), owedAfter.get());
    }

    @Test
    void historical_action_switches_threads_inside_the_handler_before_eoi() {
        Gap g = gap(Machine.RendezvousAction.HISTORICAL);
        assertTrue(g.ranInsideHandler(), "preempted inside the rendezvous handler");
        assertTrue(g.eoiPending(), "before the IPI was EOI'd");
        assertFalse(g.stillOwedAfterHandler(), "the handler consumed the owed preemption");
    }

    @Test
    void fixed_action_does_not_and_the_preemption_happens_right_after_the_handler_returns() {
        Gap g = gap(Machine.RendezvousAction.FIXED);
        assertFalse(g.ranInsideHandler(), "no switch inside the handler");
        assertFalse(g.eoiPending());
        assertTrue(g.stillOwedAfterHandler(), "the preemption is still owed to the interrupted code");
    }
}
