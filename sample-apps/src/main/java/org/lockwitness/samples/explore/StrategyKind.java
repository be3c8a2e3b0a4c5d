package org.lockwitness.samples.explore;

import java.util.Locale;

/**
 * The exploration strategies of DESIGN.md ("Determinism and exploration").
 *
 * <p>Thread-safety: immutable.
 */
public enum StrategyKind {
    /** The model's default strategy, with a fresh seed per schedule. */
    RANDOM,
    /** Probabilistic concurrency testing: random CPU priorities with change points. */
    PCT,
    /** Each interrupt delayed by each number of windows below a bound, one at a time. */
    SWEEP;

    /** @return the name on the command line */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id {@code random}, {@code pct} or {@code sweep}
     * @return the kind
     * @throws IllegalArgumentException for any other text
     */
    public static StrategyKind of(String id) {
        for (StrategyKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + id + "' (random, pct or sweep)");
    }
}
