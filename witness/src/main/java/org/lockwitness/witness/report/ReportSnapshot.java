package org.lockwitness.witness.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lockwitness.witness.Finding;

/**
 * An immutable copy of everything the reports show, taken under the checker lock. Public only for
 * the witness package, which takes it; not an API. Immutable and thread-safe.
 *
 * @param run what the caller told about the run
 * @param classes the witness types, in class-id order
 * @param edges the order edges, then the reversals
 * @param findings the findings, in order of first occurrence
 * @param runs the machine runs
 */
public record ReportSnapshot(Run run, List<TypeInfo> classes, List<EdgeInfo> edges, List<Finding> findings,
        MachineRuns runs) {

    /** Copies the lists. */
    public ReportSnapshot {
        classes = List.copyOf(classes);
        edges = List.copyOf(edges);
        findings = List.copyOf(findings);
    }

    /**
     * The run header: command, seed, strategy, replay command and instrumentation counters. Once
     * machine runs are known, the seed, strategy, schedule and replay are those of the run that
     * produced the first finding (with no finding: the only run's, without a replay).
     *
     * @param command the command line, or null
     * @param seed the seed, or null when there is none
     * @param strategy the exploration strategy, or null
     * @param replay the command that replays the run, or null
     * @param counters the instrumentation counters by name, in registration order
     * @param schedule the schedule index of the run named, or null
     * @param machineRun the ordinal of the machine run named, or null
     */
    public record Run(String command, Long seed, String strategy, String replay, Map<String, Long> counters,
            Integer schedule, Long machineRun) {
        /** Copies the counters. */
        public Run {
            counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        }
    }

    /**
     * The machine runs the witness was told of.
     *
     * @param total how many ended
     * @param byOutcome how many ended with each outcome, by outcome name
     * @param listLimit the most notable runs listed
     * @param unlisted the notable runs past the limit, counted only
     * @param threadHandles the kernel-thread handles the witness holds now
     * @param maxThreadHandles the most it held at once
     * @param listed the notable runs (those that did not complete or produced a finding) in order,
     *     and the run in progress if it produced a finding
     */
    public record MachineRuns(long total, Map<String, Long> byOutcome, int listLimit, long unlisted,
            int threadHandles, int maxThreadHandles, List<MachineRun> listed) {
        /** Copies the map and the list. */
        public MachineRuns {
            byOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(byOutcome));
            listed = List.copyOf(listed);
        }
    }

    /**
     * One machine run.
     *
     * @param index its ordinal among the machine runs, from 1
     * @param seed the machine's seed
     * @param strategy its strategy
     * @param mode its mode
     * @param cpus its CPUs
     * @param schedule the schedule index the program gave, or null
     * @param replay the command that replays it, or null
     * @param outcome how it ended, or {@code RUNNING}
     * @param reason why, in words (a panic's text for a halt)
     * @param waiters for a hang, the blocked threads
     * @param steps its scheduling points
     * @param wallMillis its wall-clock time in milliseconds
     * @param findings the finding occurrences it produced
     */
    public record MachineRun(long index, long seed, String strategy, String mode, int cpus, Integer schedule,
            String replay, String outcome, String reason, List<String> waiters, long steps, long wallMillis,
            long findings) {
        /** Copies the waiters. */
        public MachineRun {
            waiters = List.copyOf(waiters);
        }
    }

    /**
     * One witness type (FreeBSD's {@code struct witness}).
     *
     * @param name the lock name
     * @param kind the FreeBSD class name of its kind
     * @param flags its {@link org.lockwitness.witness.LockFlags}
     * @param refs how many enrolled locks of this name are not destroyed
     */
    public record TypeInfo(String name, String kind, int flags, int refs) {
    }

    /**
     * One order edge or reversal.
     *
     * @param from the held lock's name
     * @param to the acquired lock's name
     * @param count how often the order was seen
     * @param site where it was first seen, {@code file:line}
     * @param stack the stored stack, innermost first; null when none was stored
     * @param reversal whether this is a reversal, which never enters the order graph
     * @param declared whether the order came from the configuration file
     */
    public record EdgeInfo(String from, String to, int count, String site, List<String> stack, boolean reversal,
            boolean declared) {
    }
}
