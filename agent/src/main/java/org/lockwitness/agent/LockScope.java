package org.lockwitness.agent;

import java.util.Locale;

/**
 * What the agent instruments ({@code locks=}): the kernel model's probes, the Java locks of
 * application classes, or both (the default). Immutable.
 */
enum LockScope {
    /** Only the kernel model (and call sites into it). */
    KERNEL,
    /** Only the Java locks of application classes. */
    JAVA,
    /** Both. */
    BOTH;

    boolean kernel() {
        return this != JAVA;
    }

    boolean java() {
        return this != KERNEL;
    }

    /** @throws IllegalArgumentException for anything but kernel, java or both, in any case */
    static LockScope parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
