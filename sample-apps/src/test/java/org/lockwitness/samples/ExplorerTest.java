package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.explore.StrategyKind;

/** Which schedule an exploration runs j-th. */
class ExplorerTest {

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
