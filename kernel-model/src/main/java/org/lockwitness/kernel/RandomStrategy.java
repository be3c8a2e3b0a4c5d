package org.lockwitness.kernel;

import java.util.SplittableRandom;

/**
 * The default strategy: it stays on a CPU for a geometrically distributed number of scheduling
 * points (a quantum), then hands over to another runnable CPU chosen uniformly; a spinning or idle
 * CPU hands over at once. Each pending interrupt is taken at a window with a fixed probability.
 *
 * <p>Thread-safety: not thread-safe; a machine calls it from its baton holder only.
 */
public final class RandomStrategy implements Strategy {

    private final SplittableRandom random;
    private final double meanQuantum;
    private final double deliverProbability;
    private long quantumLeft;

    /**
     * @param seed the seed
     */
    public RandomStrategy(long seed) {
        this(seed, 16, 0.5);
    }

    /**
     * @param seed               the seed
     * @param meanQuantum        the mean quantum, in scheduling points (at least 1)
     * @param deliverProbability the probability of taking a pending interrupt at a window
     */
    public RandomStrategy(long seed, double meanQuantum, double deliverProbability) {
        if (meanQuantum < 1 || deliverProbability <= 0 || deliverProbability > 1) {
            throw new IllegalArgumentException("meanQuantum >= 1 and 0 < deliverProbability <= 1");
        }
        this.random = new SplittableRandom(seed);
        this.meanQuantum = meanQuantum;
        this.deliverProbability = deliverProbability;
        this.quantumLeft = nextQuantum();
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public boolean deliver(SchedulingPoint point, int vector) {
        return deliverProbability >= 1 || random.nextDouble() < deliverProbability;
    }

    @Override
    public int nextCpu(SchedulingPoint point) {
        int here = point.cpu();
        boolean mustMove = point.kind() != SchedulingPoint.Kind.WINDOW || !point.runnable(here);
        if (!mustMove && --quantumLeft > 0) {
            return here;
        }
        quantumLeft = nextQuantum();
        int n = point.runnableCount();
        int others = point.runnable(here) ? n - 1 : n;
        if (others <= 0) {
            return here;
        }
        int pick = random.nextInt(others);
        for (int i = 0; i < n; i++) {
            int c = point.runnableCpu(i);
            if (c != here && pick-- == 0) {
                return c;
            }
        }
        return here;
    }

    private long nextQuantum() {
        if (meanQuantum <= 1) {
            return 1;
        }
        double p = 1.0 / meanQuantum;
        double u = 1.0 - random.nextDouble();
        return 1 + (long) Math.floor(Math.log(u) / Math.log(1 - p));
    }
}
