package org.lockwitness.kernel;

/**
 * What a {@link Strategy} sees at a scheduling point. Valid only during the call.
 *
 * <p>Thread-safety: confined to the calling kernel thread.
 */
public interface SchedulingPoint {

    /** Why the running CPU reached the point. */
    enum Kind {
        /** An interrupt window. */
        WINDOW,
        /** A spin-wait iteration ({@code cpu_spinwait}): the CPU waits for another. */
        SPIN,
        /** The CPU is idle. */
        IDLE
    }

    /** @return the point's kind */
    Kind kind();

    /** @return the scheduling-point count so far */
    long step();

    /** @return the running CPU */
    int cpu();

    /** @return the number of CPUs */
    int cpus();

    /**
     * @param cpu a CPU
     * @return whether running it could make progress: a non-idle thread, a queued thread, or a
     *     deliverable interrupt
     */
    boolean runnable(int cpu);

    /** @return the number of runnable CPUs */
    int runnableCount();

    /**
     * @param index an index below {@link #runnableCount()}
     * @return the index-th runnable CPU, in CPU order
     */
    int runnableCpu(int index);
}
