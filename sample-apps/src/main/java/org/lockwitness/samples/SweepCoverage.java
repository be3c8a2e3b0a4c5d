package org.lockwitness.samples;

import org.lockwitness.samples.explore.SweepStrategy;

/**
 * How much of its space a sweep covered: the space is every pair (occurrence i, delay k) with i
 * below the base schedule's IPI occurrences and k in 1..K-1, and a pair is covered when its
 * schedule ran and reached occurrence i.
 *
 * <p>Thread-safety: not thread-safe; one exploration at a time.
 */
final class SweepCoverage {

    private final int delays;
    private int occurrences;
    private int covered;

    /** @param delays the delays swept per occurrence, K - 1 */
    SweepCoverage(int delays) {
        this.delays = delays;
    }

    /** Counts a schedule: the base schedule sets the space, any other is a pair. */
    void ran(Runner.Outcome o) {
        if (o.schedule().delay() == 0) {
            occurrences = SweepStrategy.occurrences(o.result().trace());
        } else if (o.reached()) {
            covered++;
        }
    }

    /** @return the pairs covered */
    int covered() {
        return covered;
    }

    /** @return the pairs in the space */
    int pairs() {
        return occurrences * delays;
    }

    /** @return {@code sweep: covered K of N (interrupt, delay) pairs} */
    String line() {
        return "sweep: covered " + covered + " of " + pairs() + " (interrupt, delay) pairs";
    }
}
