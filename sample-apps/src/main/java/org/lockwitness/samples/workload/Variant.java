package org.lockwitness.samples.workload;

import java.util.Locale;

/**
 * The two variants of every workload: the code as the seed document found it, and as fixed.
 *
 * <p>Thread-safety: immutable.
 */
public enum Variant {
    /** The code with the bug the seed describes. */
    BUGGY,
    /** The code with the seed's fix. */
    FIXED;

    /** @return the variant's name on the command line: {@code buggy} or {@code fixed} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id {@code buggy} or {@code fixed}
     * @return the variant
     * @throws IllegalArgumentException for any other text
     */
    public static Variant of(String id) {
        for (Variant v : values()) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + id + "' (buggy or fixed)");
    }
}
