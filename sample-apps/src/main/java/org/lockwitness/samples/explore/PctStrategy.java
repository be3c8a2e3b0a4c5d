package org.lockwitness.samples.explore;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.lockwitness.kernel.SchedulingPoint;
import org.lockwitness.kernel.Strategy;

/**
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010),
 * over CPUs: each CPU gets a random distinct priority at least {@code depth}, and the runnable CPU
 * with the highest priority runs. At {@code depth - 1} change points, chosen uniformly among the
 * first {@code steps} scheduling points, the running CPU's priority drops to {@code depth - i}, below
 * every initial one. A CPU that spins ({@code cpu_spinwait}) drops below every other CPU, so the CPU
 * it waits for runs. Interrupt delivery is a separate choice: each interrupt is delayed by a
 * uniform number of windows below a bound.
 *
 * <p>Thread-safety: not thread-safe; a machine calls it from its baton holder only.
 */
public final class PctStrategy implements Strategy {

    private final SplittableRandom random;
    private final int depth;
    private final long steps;
    private final int maxDelay;
    private final DelayedDelivery delivery = new DelayedDelivery();
    private long[] priority = new long[0];
    private long[] changePoints = new long[0];
    private int nextChange;
    private long points;
    private long lowest;

    /**
     * @param seed     the seed
     * @param depth    the bug depth d, at least 1: d - 1 change points
     * @param steps    k: the change points fall among the first k scheduling points
     * @param maxDelay interrupt delays are uniform in [0, maxDelay) windows
     */
    public PctStrategy(long seed, int depth, long steps, int maxDelay) {
        if (depth < 1 || steps < 1 || maxDelay < 1) {
            throw new IllegalArgumentException("depth, steps and maxDelay must be positive");
        }
        this.random = new SplittableRandom(seed);
        this.depth = depth;
        this.steps = steps;
        this.maxDelay = maxDelay;
    }

    @Override
    public String name() {
        return StrategyKind.PCT.id();
    }

    @Override
    public void start(int cpus) {
        priority = new long[cpus];
        for (int i = 0; i < cpus; i++) {
            priority[i] = depth + i;
        }
        for (int i = cpus - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = priority[i];
            priority[i] = priority[j];
            priority[j] = t;
        }
        changePoints = new long[depth - 1];
        for (int i = 0; i < changePoints.length; i++) {
            changePoints[i] = 1 + random.nextLong(steps);
        }
        Arrays.sort(changePoints);
        nextChange = 0;
        points = 0;
        lowest = 1;
        delivery.start(cpus);
    }

    @Override
    public boolean deliver(SchedulingPoint point, int vector) {
        return delivery.offer(point.cpu(), vector, occurrence -> random.nextInt(maxDelay));
    }

    @Override
    public int nextCpu(SchedulingPoint point) {
        points++;
        int here = point.cpu();
        while (nextChange < changePoints.length && changePoints[nextChange] <= points) {
            priority[here] = depth - 1 - nextChange;
            nextChange++;
        }
        if (point.kind() == SchedulingPoint.Kind.SPIN) {
            priority[here] = --lowest;
        }
        int best = here;
        long bestPriority = Long.MIN_VALUE;
        for (int i = 0, n = point.runnableCount(); i < n; i++) {
            int c = point.runnableCpu(i);
            if (priority[c] > bestPriority) {
                best = c;
                bestPriority = priority[c];
            }
        }
        return best;
    }
}
