package org.lockwitness.kernel;

/**
 * Decides, at each scheduling point of a DETERMINISTIC machine, whether a pending interrupt is taken
 * now and which CPU runs next. A strategy must be a pure function of its own seed and the points it
 * is shown, so that the same seed gives the same decision trace.
 *
 * <p>Thread-safety: called by one kernel thread at a time (the machine's baton holder).
 */
public interface Strategy {

    /** @return the strategy's name, for reports and replay commands */
    String name();

    /**
     * Called once when the machine starts.
     *
     * @param cpus the number of CPUs
     */
    default void start(int cpus) {
    }

    /**
     * @param point  the scheduling point
     * @param vector the first deliverable interrupt pending on the running CPU (see {@link Irq})
     * @return true to take it now
     */
    boolean deliver(SchedulingPoint point, int vector);

    /**
     * @param point the scheduling point
     * @return the CPU to run next: {@code point.cpu()} to stay. A CPU that is not
     *     {@link SchedulingPoint#runnable(int)} is replaced by the first runnable one.
     */
    int nextCpu(SchedulingPoint point);
}
