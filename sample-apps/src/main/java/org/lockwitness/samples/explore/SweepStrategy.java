package org.lockwitness.samples.explore;

import org.lockwitness.kernel.Irq;
import org.lockwitness.kernel.RandomStrategy;
import org.lockwitness.kernel.SchedulingPoint;
import org.lockwitness.kernel.Strategy;
import org.lockwitness.kernel.Trace;

/**
 * One schedule of a sweep: every interrupt is taken at the first window it is offered, except
 * occurrence {@code interrupt} of an IPI sent to a CPU (IPI_RENDEZVOUS, IPI_PREEMPT, IPI_AST,
 * numbered in the order occurrences begin, see {@link DelayedDelivery}), which is refused at
 * {@code delay} windows on its target CPU first. Device interrupts and the hardclock are raised,
 * not sent, and are always taken at once. CPU
 * hand-overs follow the model's {@link RandomStrategy} with the sweep's base seed, so the rest of
 * the schedule stays as fixed as the delay lets it.
 *
 * <p>Thread-safety: not thread-safe; a machine calls it from its baton holder only.
 */
public final class SweepStrategy implements Strategy {

    /** The default bound K on delays: delays 0..K-1 are swept. */
    public static final int DEFAULT_DELAYS = 64;

    private final RandomStrategy cpus;
    private final int interrupt;
    private final int delay;
    private final DelayedDelivery delivery = new DelayedDelivery();

    /**
     * @param seed      the base seed of the CPU hand-overs
     * @param interrupt the number of the occurrence to delay, from 0
     * @param delay     how many windows to delay it
     */
    public SweepStrategy(long seed, int interrupt, int delay) {
        if (interrupt < 0 || delay < 0) {
            throw new IllegalArgumentException("interrupt and delay must not be negative");
        }
        this.cpus = new RandomStrategy(seed);
        this.interrupt = interrupt;
        this.delay = delay;
    }

    @Override
    public String name() {
        return StrategyKind.SWEEP.id();
    }

    @Override
    public void start(int cpuCount) {
        cpus.start(cpuCount);
        delivery.start(cpuCount);
    }

    @Override
    public boolean deliver(SchedulingPoint point, int vector) {
        return vector < Irq.IPI_PREEMPT
                || delivery.offer(point.cpu(), vector, occurrence -> occurrence == interrupt ? delay : 0);
    }

    @Override
    public int nextCpu(SchedulingPoint point) {
        return cpus.nextCpu(point);
    }

    /**
     * @param base the decision trace of a sweep's base schedule (interrupt 0, delay 0)
     * @return the IPI occurrences a sweep with that base can delay: in the base schedule each is
     *     taken where it is first offered, so they are its IPI deliveries
     */
    public static int occurrences(Trace base) {
        int n = 0;
        for (int vector : new int[] {Irq.IPI_PREEMPT, Irq.IPI_AST, Irq.IPI_RENDEZVOUS}) {
            n += base.count(" takes " + Irq.name(vector));
        }
        return n;
    }

    /** @return whether the run got as far as the occurrence this schedule delays */
    public boolean reached() {
        return delivery.occurrences() > interrupt;
    }
}
