package org.lockwitness.witness;

import java.util.List;

import org.lockwitness.witness.report.ReportSnapshot;

/**
 * One machine run as the witness records it: what the caller said at its start (and of its
 * schedule), how it ended, and how many finding occurrences it produced. Not thread-safe: used
 * under the checker lock by {@link RunLog}.
 */
final class MachineRun {
    /** The outcome shown for a run that has not ended yet. */
    static final String RUNNING = "RUNNING";
    /** The outcome of a run whose end the witness was not told before the next run started. */
    static final String UNKNOWN = "UNKNOWN";
    /** The outcome of a run that ended normally; such a run is only counted unless it had findings. */
    static final String COMPLETED = "COMPLETED";

    final int machine;
    final RunRef ref;
    final String mode;
    final int cpus;
    String outcome = RUNNING;
    String reason = "";
    List<String> waiters = List.of();
    long steps;
    long wallNanos;
    long findings;

    MachineRun(int machine, RunRef ref, String mode, int cpus) {
        this.machine = machine;
        this.ref = ref;
        this.mode = mode;
        this.cpus = cpus;
    }

    /** Whether the run is kept in the list: it did not complete, or it produced a finding. */
    boolean notable() {
        return !outcome.equals(COMPLETED) || findings > 0;
    }

    ReportSnapshot.MachineRun snapshot() {
        return new ReportSnapshot.MachineRun(ref.run(), ref.seed(), ref.strategy(), mode, cpus, ref.schedule(),
                ref.replay(), outcome, reason, waiters, steps, wallNanos / 1_000_000, findings);
    }
}
