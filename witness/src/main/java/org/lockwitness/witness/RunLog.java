package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lockwitness.witness.report.ReportSnapshot;

/**
 * The record of machine runs behind {@code witness.json}'s {@code runs} section and the run header:
 * the run in progress, a count per outcome of every run, and the notable runs (those that did not
 * complete, and those that produced a finding) in full, up to {@link #LIST_LIMIT}. It outlives
 * {@link Witness#reset()}: it is the JVM's record of what ran, while the findings are those since
 * the last reset. FreeBSD has no counterpart (a kernel runs once); the nearest is a fuzzer's corpus
 * of crashing inputs.
 *
 * <h2>Design and thread-safety</h2>
 * Not thread-safe: used under the checker lock. Machines run one at a time (as the per-CPU held
 * locks already assume), so findings are attributed to the run in progress; between runs, to the
 * next one, since a lock enrolled before {@code Machine.run} belongs to it. The schedule the
 * program announces ({@link Runs#schedule}) names the next run only.
 */
final class RunLog {
    /** How many notable runs are listed in full; the others are counted. */
    static final int LIST_LIMIT = 100;

    private final List<MachineRun> listed = new ArrayList<>();
    private final Map<String, Long> byOutcome = new TreeMap<>();
    private Integer nextSchedule;
    private String nextReplay;
    private MachineRun current;
    private MachineRun last;
    private long started;
    private long total;
    private long unlisted;

    /** The schedule index and replay command of the next run. */
    void schedule(int index, String replay) {
        nextSchedule = index;
        nextReplay = replay;
    }

    /** A run starts; returns its reference. */
    RunRef start(int machine, long seed, String strategy, String mode, int cpus) {
        if (current != null) {
            end(current.machine, MachineRun.UNKNOWN, ContextMessages.OVERLAPPING_RUN, List.of(), 0, 0);
        }
        RunRef ref = new RunRef(++started, seed, strategy, nextSchedule, nextReplay);
        nextSchedule = null;
        nextReplay = null;
        current = new MachineRun(machine, ref, mode, cpus);
        return ref;
    }

    /** The run in progress, or null between runs. */
    MachineRun current() {
        return current;
    }

    /** The ordinal of the run in progress, or 0 between runs. */
    long currentIndex() {
        return current == null ? 0 : current.ref.run();
    }

    /**
     * The run of {@code machine} ended; returns its ordinal, or 0 when it is not the run in
     * progress (a machine that started outside the witness's view).
     */
    long end(int machine, String outcome, String reason, List<String> waiters, long steps, long wallNanos) {
        MachineRun r = current;
        if (r == null || r.machine != machine) {
            return 0;
        }
        current = null;
        r.outcome = outcome;
        r.reason = reason;
        r.waiters = List.copyOf(waiters);
        r.steps = steps;
        r.wallNanos = wallNanos;
        total++;
        last = r;
        byOutcome.merge(outcome, 1L, Long::sum);
        if (r.notable()) {
            if (listed.size() < LIST_LIMIT) {
                listed.add(r);
            } else {
                unlisted++;
            }
        }
        return r.ref.run();
    }

    /** A copy for the report; {@code threads} and {@code maxThreads} are the thread handles' counts. */
    ReportSnapshot.MachineRuns snapshot(int threads, int maxThreads) {
        List<ReportSnapshot.MachineRun> runs = new ArrayList<>();
        for (MachineRun r : listed) {
            runs.add(r.snapshot());
        }
        if (current != null && current.findings > 0) {
            runs.add(current.snapshot());
        }
        return new ReportSnapshot.MachineRuns(total, byOutcome, LIST_LIMIT, unlisted, threads, maxThreads, runs);
    }

    /**
     * The report's run header: {@code given} (what the program said) with the seed, strategy,
     * schedule and replay of the run that produced the first finding; with no finding, the seed and
     * strategy of the only run and no replay; with several runs and no finding, none. Without any
     * machine run, {@code given} as it is.
     */
    ReportSnapshot.Run header(ReportSnapshot.Run given, List<Finding> findings) {
        if (total == 0 && current == null) {
            return given;
        }
        for (Finding f : findings) {
            RunRef r = f.firstSeen();
            if (r != null) {
                return new ReportSnapshot.Run(given.command(), r.seed(), r.strategy(), r.replay(), given.counters(),
                        r.schedule(), r.run());
            }
        }
        MachineRun only = total == 1 && current == null ? last : total == 0 ? current : null;
        if (only == null) {
            return new ReportSnapshot.Run(given.command(), null, null, null, given.counters(), null, null);
        }
        return new ReportSnapshot.Run(given.command(), only.ref.seed(), only.ref.strategy(), null, given.counters(),
                only.ref.schedule(), only.ref.run());
    }
}
