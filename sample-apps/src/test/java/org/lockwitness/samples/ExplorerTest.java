package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.explore.SweepStrategy;
import org.lockwitness.samples.rendezvous.RendezvousPreempt;
import org.lockwitness.samples.smpng.SmpngSubsystems;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/** Which schedule an exploration runs j-th, and what a sweep says it covered (no agent: no findings). */
class ExplorerTest {

    private static final int PAIRS_PER_OCCURRENCE = SweepStrategy.DEFAULT_DELAYS - 1;

    private static Runner runner(Workload w) {
        return new Runner(w, Variant.BUGGY, w.profile().cpus(), w.profile().steps(), line -> { });
    }

    /** @return the IPI occurrences of the base schedule, checked against the sweep's own numbering */
    private static int occurrences(Runner runner, long seed) {
        int n = SweepStrategy.occurrences(runner.run(new Schedule(StrategyKind.SWEEP, seed, 0, 0)).result().trace());
        assertTrue(n > 0, "the base schedule has IPIs");
        assertTrue(runner.run(new Schedule(StrategyKind.SWEEP, seed, n - 1, 1)).reached(), "occurrence n - 1");
        assertFalse(runner.run(new Schedule(StrategyKind.SWEEP, seed, n, 1)).reached(), "no occurrence n");
        return n;
    }

    private static Explorer explorer(Runner runner, ByteArrayOutputStream out) {
        Launcher launcher = new Launcher("java", Checker.none(), Optional.empty(), List.of("-jar", "s.jar"));
        return new Explorer(runner, Checker.none(), launcher, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static Explorer.Result sweep(Runner runner, long seed, int schedules, ByteArrayOutputStream out) {
        return explorer(runner, out).explore(StrategyKind.SWEEP, seed, schedules, true, findings -> false, "test");
    }

    @Test
    @Timeout(120)
    void a_sweep_that_runs_out_of_occurrences_covered_every_pair() {
        Runner runner = runner(new SmpngSubsystems());
        int pairs = occurrences(runner, 3) * PAIRS_PER_OCCURRENCE;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Explorer.Result r = sweep(runner, 3, 10_000, out);
        assertEquals(1 + pairs + 1, r.schedules(), "the base, every pair, then one past the last occurrence");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("sweep: covered " + pairs + " of " + pairs + " (interrupt, delay) pairs"), text);
    }

    @Test
    @Timeout(120)
    void a_sweep_cut_short_by_its_budget_says_how_little_it_covered() {
        Runner runner = runner(new RendezvousPreempt());
        int pairs = occurrences(runner, 1) * PAIRS_PER_OCCURRENCE;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Explorer.Result r = sweep(runner, 1, 5, out);
        assertEquals(5, r.schedules());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("sweep: covered 4 of " + pairs + " (interrupt, delay) pairs"), text);
    }

    @Test
    @Timeout(120)
    void other_strategies_print_no_coverage() {
        Runner runner = runner(new RendezvousPreempt());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Explorer.Result r = explorer(runner, out).explore(StrategyKind.PCT, 1, 2, true, findings -> false, "test");
        assertEquals(2, r.schedules());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("covered"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void random_and_pct_take_a_fresh_seed_per_schedule() {
        assertEquals(Schedule.random(12), Explorer.schedule(StrategyKind.RANDOM, 10, 2));
        assertEquals(new Schedule(StrategyKind.PCT, 12, 0, 0), Explorer.schedule(StrategyKind.PCT, 10, 2));
    }

    @Test
    void a_sweep_keeps_its_seed_runs_the_base_once_then_delays_each_occurrence_by_1_to_63_windows() {
        assertEquals(new Schedule(StrategyKind.SWEEP, 10, 0, 0), Explorer.schedule(StrategyKind.SWEEP, 10, 0));
        assertEquals(new Schedule(StrategyKind.SWEEP, 10, 0, 1), Explorer.schedule(StrategyKind.SWEEP, 10, 1));
        assertEquals(new Schedule(StrategyKind.SWEEP, 10, 0, 63), Explorer.schedule(StrategyKind.SWEEP, 10, 63));
        assertEquals(new Schedule(StrategyKind.SWEEP, 10, 1, 1), Explorer.schedule(StrategyKind.SWEEP, 10, 64));
    }
}
