package org.lockwitness.samples.explore;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.lockwitness.kernel.SchedulingPoint;
import org.lockwitness.kernel.Strategy;

/**
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, "A Randomized
 * Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010) over CPUs, with interrupt
 * delivery counted in the bug's depth.
 *
 * <p>CPUs: each CPU gets a random distinct priority and the runnable CPU with the highest priority
 * runs. At {@code depth - 1} change points, uniform among the first {@code steps} scheduling
 * points, the running CPU is demoted below every other CPU. A CPU that spins ({@code cpu_spinwait})
 * is demoted the same way, so the CPU it waits for runs; a demotion always goes to the bottom, so
 * a change point never lifts a CPU above one that spun earlier.
 *
 * <p>Interrupts. PCT finds a bug of depth d (d ordering constraints suffice to trigger it) with
 * probability at least 1/(n k^(d-1)) for n threads and k steps, when the constraints are orders
 * between threads. In a kernel, some constraints are about where an interrupt is taken. FreeBSD
 * r222254 is the example: {@code critical_exit} (kern_switch.c) stores 0 to {@code td_critnest}
 * and only then tests {@code td_owepreempt}, and the bug needs (1) the NIC interrupt taken inside
 * the critical section, so the thread owes a preemption, (2) the other CPU to send IPI_RENDEZVOUS
 * after that and before the store, and (3) the IPI taken after the store and (4) before the test,
 * a window a few lines wide. Constraints 1, 3 and 4 are delivery points and 2 is a hand-over that
 * follows a delivery. Placed among all k (about 2·10^4) scheduling points, as plain PCT places
 * its change points, each costs a factor of about 1/k; so they are placed relative to the
 * interrupts:
 * <ul>
 * <li>Each interrupt occurrence is delayed by a scale-free number of windows: a scale 2^j with j
 *     uniform in [0, log2 maxDelay], then a delay uniform below it. "Taken within w windows"
 *     (constraint 1) then has probability about (log2 w + 1) / (log2 maxDelay + 1) rather than
 *     w / maxDelay, and a delay D exactly (3 and 4) at least 1 / (2 (D + 1) (log2 maxDelay + 1)):
 *     short distances, the common case because an IPI is always sent while its target CPU is
 *     switched out and is first offered where that CPU resumes, are much likelier than under a
 *     uniform delay, long ones cost only a logarithmic factor.</li>
 * <li>{@code handovers} more change points follow interrupts: each is armed at a step uniform
 *     among the first {@code steps} and demotes the CPU that takes the next interrupt, right after
 *     the handler, so another CPU acts on the state the handler left (an owed preemption, a queued
 *     ithread, a woken thread) before the interrupted thread goes on. Its probability of following
 *     a given delivery is about 1 / (deliveries per run), a few hundredths, not w / k.</li>
 * </ul>
 * Measured on rendezvous-preempt, the median number of schedules to the finding over 50 starting
 * seeds fell from 55 (uniform delays, change points only) to 9.
 *
 * <p>Thread-safety: not thread-safe; a machine calls it from its baton holder only.
 */
public final class PctStrategy implements Strategy {

    private final SplittableRandom random;
    private final int depth;
    private final int handovers;
    private final long steps;
    private final int delayBits;
    private final DelayedDelivery delivery = new DelayedDelivery();
    private long[] priority = new long[0];
    private long[] changePoints = new long[0];
    private long[] handoverPoints = new long[0];
    private int nextChange;
    private int nextHandover;
    private long points;
    private long lowest;
    private long deliveredAt;
    private int deliveredOn;

    /**
     * @param seed      the seed
     * @param depth     the bug depth d, at least 1: d - 1 change points
     * @param handovers how many change points follow an interrupt, at least 0
     * @param steps     k: change points are armed among the first k scheduling points
     * @param maxDelay  interrupt delays are below the largest power of two not above it
     */
    public PctStrategy(long seed, int depth, int handovers, long steps, int maxDelay) {
        if (depth < 1 || handovers < 0 || steps < 1 || maxDelay < 1) {
            throw new IllegalArgumentException("depth, steps and maxDelay must be positive, handovers not negative");
        }
        this.random = new SplittableRandom(seed);
        this.depth = depth;
        this.handovers = handovers;
        this.steps = steps;
        this.delayBits = 31 - Integer.numberOfLeadingZeros(maxDelay);
    }

    @Override
    public String name() {
        return StrategyKind.PCT.id();
    }

    @Override
    public void start(int cpus) {
        priority = new long[cpus];
        for (int i = 0; i < cpus; i++) {
            priority[i] = i;
        }
        for (int i = cpus - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = priority[i];
            priority[i] = priority[j];
            priority[j] = t;
        }
        changePoints = points(depth - 1);
        handoverPoints = points(handovers);
        nextChange = 0;
        nextHandover = 0;
        points = 0;
        lowest = 0;
        deliveredAt = -1;
        deliveredOn = -1;
        delivery.start(cpus);
    }

    private long[] points(int n) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = 1 + random.nextLong(steps);
        }
        Arrays.sort(p);
        return p;
    }

    @Override
    public boolean deliver(SchedulingPoint point, int vector) {
        boolean take = delivery.offer(point.cpu(), vector, occurrence -> delay());
        if (take) {
            deliveredAt = point.step();
            deliveredOn = point.cpu();
        }
        return take;
    }

    /** @return a scale-free delay: a power-of-two scale uniform in [1, 2^delayBits], then uniform below it */
    private int delay() {
        return random.nextInt(1 << random.nextInt(delayBits + 1));
    }

    @Override
    public int nextCpu(SchedulingPoint point) {
        points++;
        int here = point.cpu();
        while (nextChange < changePoints.length && changePoints[nextChange] <= points) {
            priority[here] = --lowest;
            nextChange++;
        }
        boolean afterHandler = point.step() == deliveredAt && here == deliveredOn;
        if (afterHandler && nextHandover < handoverPoints.length && handoverPoints[nextHandover] <= points) {
            priority[here] = --lowest;
            nextHandover++;
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
