package org.lockwitness.samples.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lockwitness.kernel.Irq;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.MachineBuilder;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.SchedulingPoint;
import org.lockwitness.kernel.Strategy;
import org.lockwitness.kernel.Trace;
import org.lockwitness.samples.rendezvous.RendezvousPreempt;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/** The strategies are functions of their arguments, and behave as PCT and the sweep define. */
class StrategiesTest {

    private static Trace run(Schedule s) {
        Workload w = new RendezvousPreempt();
        MachineBuilder b = Machine.builder().cpus(2).seed(s.seed()).strategy(s.strategy(w.profile().typicalSteps()));
        Machine m = w.configure(b, Variant.FIXED).build();
        w.start(m, Variant.FIXED, line -> { });
        RunResult r = m.run(w.profile().steps());
        assertEquals(RunResult.Status.COMPLETED, r.status(), r::toString);
        return r.trace();
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void the_same_schedule_gives_the_same_trace_and_another_seed_another(StrategyKind kind) {
        Schedule a = new Schedule(kind, 11, kind == StrategyKind.SWEEP ? 3 : 0, kind == StrategyKind.SWEEP ? 5 : 0);
        Schedule b = new Schedule(kind, 12, a.interrupt(), a.delay());
        Trace first = run(a);
        assertEquals(first, run(a));
        assertNotEquals(first, run(b));
    }

    @Test
    void schedule_args_name_what_replays_it() {
        assertEquals(List.of("--seed", "4"), Schedule.random(4).args());
        assertEquals(List.of("--strategy", "pct", "--seed", "4"), new Schedule(StrategyKind.PCT, 4, 0, 0).args());
        assertEquals(List.of("--strategy", "sweep", "--seed", "4", "--interrupt", "1", "--delay", "2"),
                new Schedule(StrategyKind.SWEEP, 4, 1, 2).args());
    }

    /** A fixed view of a scheduling point. */
    private record Point(Kind kind, long step, int cpu, int cpus) implements SchedulingPoint {
        @Override
        public boolean runnable(int c) {
            return true;
        }

        @Override
        public int runnableCount() {
            return cpus;
        }

        @Override
        public int runnableCpu(int index) {
            return index;
        }
    }

    @Test
    void pct_runs_the_highest_priority_cpu_and_drops_a_spinner_below_all_others() {
        Strategy pct = new PctStrategy(7, 1, 0, 1000, 1);
        pct.start(3);
        int first = pct.nextCpu(new Point(SchedulingPoint.Kind.WINDOW, 0, 0, 3));
        assertEquals(first, pct.nextCpu(new Point(SchedulingPoint.Kind.WINDOW, 1, first, 3)), "no change points");
        int second = pct.nextCpu(new Point(SchedulingPoint.Kind.SPIN, 2, first, 3));
        assertNotEquals(first, second, "the spinner drops");
        int third = pct.nextCpu(new Point(SchedulingPoint.Kind.SPIN, 3, second, 3));
        assertTrue(third != first && third != second, "the next spinner drops below the first");
        assertTrue(pct.deliver(new Point(SchedulingPoint.Kind.WINDOW, 0, 0, 3), Irq.HARDCLOCK), "maxDelay 1: at once");
    }

    @Test
    void pct_hands_over_right_after_a_handler_and_below_a_cpu_that_spun() {
        Strategy pct = new PctStrategy(7, 1, 1, 1, 1);
        pct.start(2);
        int high = pct.nextCpu(new Point(SchedulingPoint.Kind.WINDOW, 0, 0, 2));
        int low = 1 - high;
        assertEquals(low, pct.nextCpu(new Point(SchedulingPoint.Kind.SPIN, 1, high, 2)), "the spinner drops");
        assertEquals(low, pct.nextCpu(new Point(SchedulingPoint.Kind.WINDOW, 2, low, 2)), "no interrupt, no hand-over");
        assertTrue(pct.deliver(new Point(SchedulingPoint.Kind.WINDOW, 3, low, 2), Irq.IPI_RENDEZVOUS));
        assertEquals(high, pct.nextCpu(new Point(SchedulingPoint.Kind.WINDOW, 3, low, 2)),
                "after the handler the CPU drops, below the one that spun");
        assertEquals(high, pct.nextCpu(new Point(SchedulingPoint.Kind.WINDOW, 4, high, 2)), "one hand-over only");
        assertTrue(pct.deliver(new Point(SchedulingPoint.Kind.WINDOW, 5, high, 2), Irq.IPI_RENDEZVOUS));
        assertEquals(high, pct.nextCpu(new Point(SchedulingPoint.Kind.WINDOW, 5, high, 2)), "none armed");
    }

    @Test
    void pct_delays_are_scale_free_below_the_bound() {
        Strategy pct = new PctStrategy(3, 1, 0, 1000, Schedule.PCT_MAX_DELAY);
        pct.start(1);
        Point p = new Point(SchedulingPoint.Kind.WINDOW, 0, 0, 1);
        int[] histogram = new int[Schedule.PCT_MAX_DELAY + 1];
        int occurrences = 6000;
        for (int i = 0; i < occurrences; i++) {
            int delay = 0;
            while (!pct.deliver(p, Irq.IPI_AST) && delay <= Schedule.PCT_MAX_DELAY) {
                delay++;
            }
            histogram[delay]++;
        }
        assertEquals(0, histogram[Schedule.PCT_MAX_DELAY], "every delay is below the bound");
        // A scale 2^j, j uniform in 0..5, then uniform below it: P(0) = (1 + 1/2 + ... + 1/32) / 6 = 0.33,
        // P(< 4) = (3 + 1/2 + 1/4 + 1/8) / 6 = 0.65, P(>= 16) = 1/12; a uniform delay gives 1/32, 1/8 and 1/2.
        assertEquals(0.33, histogram[0] / (double) occurrences, 0.03);
        assertEquals(0.65, IntStream.range(0, 4).map(d -> histogram[d]).sum() / (double) occurrences, 0.03);
        assertEquals(1 / 12.0, IntStream.range(16, 32).map(d -> histogram[d]).sum() / (double) occurrences, 0.02);
    }

    @Test
    void sweep_delays_only_its_occurrence_by_its_delay() {
        SweepStrategy sweep = new SweepStrategy(1, 1, 2);
        sweep.start(2);
        Point p = new Point(SchedulingPoint.Kind.WINDOW, 0, 0, 2);
        assertTrue(sweep.deliver(p, 3), "a device interrupt at once, and not counted");
        assertTrue(sweep.deliver(p, Irq.HARDCLOCK), "nor the hardclock");
        assertTrue(sweep.deliver(p, Irq.IPI_PREEMPT), "occurrence 0 at once");
        assertFalse(sweep.reached());
        assertFalse(sweep.deliver(p, Irq.IPI_RENDEZVOUS), "occurrence 1 delayed");
        assertTrue(sweep.reached());
        assertFalse(sweep.deliver(p, Irq.IPI_RENDEZVOUS), "twice");
        assertTrue(sweep.deliver(p, Irq.IPI_RENDEZVOUS), "then taken");
        assertTrue(sweep.deliver(p, Irq.IPI_RENDEZVOUS), "occurrence 2 at once");
    }
}
