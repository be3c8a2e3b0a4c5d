package org.lockwitness.witness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the caller tells the report about the run: command, seed, strategy, replay command, and
 * named instrumentation counters read when a report is written. Thread-safe (synchronized).
 */
final class RunInfo {
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

    synchronized Values snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        counters.forEach((k, v) -> values.put(k, v.getAsLong()));
        return new Values(command, seed, strategy, replay, values);
    }

    /** An immutable copy. */
    record Values(String command, Long seed, String strategy, String replay, Map<String, Long> counters) {
        Values {
            counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        }
    }
}
