package org.lockwitness.samples.explore;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import org.lockwitness.kernel.Irq;

/**
 * Bounded-delay interrupt delivery: when an interrupt is first offered on a CPU it begins an
 * occurrence, numbered in the order occurrences begin, and gets a delay in windows from the
 * caller; it is refused at that many windows where it is offered and taken at the next. Taking it
 * ends the occurrence; the next time that vector is offered on that CPU is a new one.
 *
 * <p>Thread-safety: not thread-safe; a machine's strategy is called by one kernel thread at a time.
 */
final class DelayedDelivery {

    private static final int NONE = -1;
    private static final int VECTORS = Irq.IPI_RENDEZVOUS + 1;

    private int[][] remaining = new int[0][];
    private int occurrences;

    void start(int cpus) {
        remaining = new int[cpus][VECTORS];
        for (int[] r : remaining) {
            Arrays.fill(r, NONE);
        }
        occurrences = 0;
    }

    /**
     * @param cpu    the CPU the interrupt is offered on
     * @param vector its vector
     * @param delay  gives the delay, in windows, of the occurrence with the number it is applied to
     * @return whether to take it now
     */
    boolean offer(int cpu, int vector, IntUnaryOperator delay) {
        int[] r = remaining[cpu];
        if (r[vector] == NONE) {
            r[vector] = Math.max(0, delay.applyAsInt(occurrences++));
        }
        if (r[vector] > 0) {
            r[vector]--;
            return false;
        }
        r[vector] = NONE;
        return true;
    }

    /** @return how many occurrences began */
    int occurrences() {
        return occurrences;
    }
}
