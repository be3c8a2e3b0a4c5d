package org.lockwitness.samples.workload;

/**
 * How a workload whose bug depends on the schedule is explored when no seed is given: which
 * strategy ({@code random}, {@code pct} or {@code sweep}) and at most how many schedules.
 *
 * <p>Thread-safety: immutable.
 *
 * @param strategy  the strategy's name
 * @param schedules the most schedules to try, at least 1
 */
public record ExploreBudget(String strategy, int schedules) {

    /** Checks the schedule count. */
    public ExploreBudget {
        if (schedules < 1) {
            throw new IllegalArgumentException("an explore budget needs at least one schedule");
        }
    }
}
