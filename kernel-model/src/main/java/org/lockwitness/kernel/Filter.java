package org.lockwitness.kernel;

/**
 * A primary interrupt handler ({@code driver_filter_t}): it runs inline on the interrupted thread,
 * in a critical section with interrupts off, and must not sleep or take a sleep lock.
 */
@FunctionalInterface
public interface Filter {

    /** The interrupt was not for this handler. */
    int FILTER_STRAY = 0x01;
    /** The interrupt was handled. */
    int FILTER_HANDLED = 0x02;
    /** Run the handler's interrupt-thread part. */
    int FILTER_SCHEDULE_THREAD = 0x04;

    /** @return {@code FILTER_*} bits */
    int filter();
}
