package org.lockwitness.cli;

/**
 * The most a SARIF run may hold: GitHub code scanning's limits by default. What is cut is counted and said
 * in the run's {@code properties}. Immutable and thread-safe.
 *
 * @param results results per run
 * @param locations locations per result (its {@code relatedLocations} are cut to this)
 * @param threadFlowLocations thread-flow locations per result, over all its thread flows
 */
record SarifLimits(int results, int locations, int threadFlowLocations) {
    /** GitHub's: 25,000 results per run, 1,000 locations and 10,000 thread-flow locations per result. */
    static final SarifLimits GITHUB = new SarifLimits(25_000, 1_000, 10_000);
}
