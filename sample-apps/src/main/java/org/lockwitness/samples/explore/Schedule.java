package org.lockwitness.samples.explore;

import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.RandomStrategy;
import org.lockwitness.kernel.Strategy;

/**
 * One schedule: a strategy and everything that makes it a function of its arguments. A run of a
 * workload is a function of (workload, variant, CPUs, schedule), so {@link #args()} replays it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param kind      the strategy
 * @param seed      its seed (for a sweep, the base seed of the CPU hand-overs)
 * @param interrupt for a sweep, the interrupt occurrence delayed; else 0
 * @param delay     for a sweep, by how many windows; else 0
 */
public record Schedule(StrategyKind kind, long seed, int interrupt, int delay) {

    /** PCT's bug depth: two change points. */
    public static final int PCT_DEPTH = 3;
    /** PCT's change points that follow an interrupt's handler: as many as its plain change points. */
    public static final int PCT_HANDOVERS = 2;
    /** PCT's bound on interrupt delays, in windows. */
    public static final int PCT_MAX_DELAY = 32;

    /**
     * @param seed the seed
     * @return the model's random strategy with that seed
     */
    public static Schedule random(long seed) {
        return new Schedule(StrategyKind.RANDOM, seed, 0, 0);
    }

    /**
     * @param typicalSteps about how many scheduling points a run takes (PCT's k)
     * @return a fresh strategy for this schedule
     */
    public Strategy strategy(long typicalSteps) {
        switch (kind) {
            case PCT:
                return new PctStrategy(seed, PCT_DEPTH, PCT_HANDOVERS, typicalSteps, PCT_MAX_DELAY);
            case SWEEP:
                return new SweepStrategy(seed, interrupt, delay);
            default:
                return new RandomStrategy(seed);
        }
    }

    /** @return the {@code run} options that select this schedule */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        if (kind != StrategyKind.RANDOM) {
            a.add("--strategy");
            a.add(kind.id());
        }
        a.add("--seed");
        a.add(Long.toString(seed));
        if (kind == StrategyKind.SWEEP) {
            a.add("--interrupt");
            a.add(Integer.toString(interrupt));
            a.add("--delay");
            a.add(Integer.toString(delay));
        }
        return a;
    }
}
