package org.lockwitness.witness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.lockwitness.witness.report.ReportSnapshot;

/**
 * What the caller tells the report about the run: command, seed, strategy, replay command, and
 * named instrumentation counters read when a report is written ({@code witness.json}'s
 * {@code run} and {@code instrumentation} objects). Thread-safe: every method synchronizes on this
 * object. The report snapshot reads the counters under the checker lock, so a counter must not call
 * into the witness.
 */
final class RunHeader {
    private String command;
    private Long seed;
    private String strategy;
    private String replay;
    private final Map<String, LongSupplier> counters = new LinkedHashMap<>();

    synchronized void set(String command, Long seed, String strategy, String replay) {
        this.command = command;
        this.seed = seed;
        this.strategy = strategy;
        this.replay = replay;
    }

    synchronized void counter(String name, LongSupplier value) {
        counters.put(name, value);
    }

    /** An immutable copy, reading every counter now. */
    synchronized ReportSnapshot.Run snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        counters.forEach((k, v) -> values.put(k, v.getAsLong()));
        return new ReportSnapshot.Run(command, seed, strategy, replay, values, null, null);
    }
}
