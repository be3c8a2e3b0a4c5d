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
 */
public record ReportSnapshot(Run run, List<TypeInfo> classes, List<EdgeInfo> edges, List<Finding> findings) {

    /** Copies the lists. */
    public ReportSnapshot {
        classes = List.copyOf(classes);
        edges = List.copyOf(edges);
        findings = List.copyOf(findings);
    }

    /**
     * The run header: command, seed, strategy, replay command and instrumentation counters.
     *
     * @param command the command line, or null
     * @param seed the seed, or null when there is none
     * @param strategy the exploration strategy, or null
     * @param replay the command that replays the run, or null
     * @param counters the instrumentation counters by name, in registration order
     */
    public record Run(String command, Long seed, String strategy, String replay, Map<String, Long> counters) {
        /** Copies the counters. */
        public Run {
            counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
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
