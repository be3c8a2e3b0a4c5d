package org.lockwitness.agent.weave;

import java.util.Objects;

/**
 * What the agent's options decide about weaving: where interrupt windows go, which
 * {@code @KernelCode} classes get line windows, and the launched main class, whose {@code main}
 * gets the exit call of {@code fail=}. Immutable.
 *
 * @param windows where interrupt windows go
 * @param include the classes that get line windows ({@code include=})
 * @param exclude the classes that never get line windows ({@code exclude=})
 * @param mainClass the binary name of the launched main class, or null when unknown (attach)
 * @param kernel whether the kernel model and the call sites into it are woven ({@code locks=kernel} or
 *     {@code both}); the launched {@code main}'s exit advice is woven either way
 */
public record WeaveSettings(Windows windows, ClassPatterns include, ClassPatterns exclude, String mainClass,
        boolean kernel) {

    /**
     * Settings that weave the kernel model.
     *
     * @param windows where interrupt windows go
     * @param include the classes that get line windows
     * @param exclude the classes that never get line windows
     * @param mainClass the launched main class, or null
     */
    public WeaveSettings(Windows windows, ClassPatterns include, ClassPatterns exclude, String mainClass) {
        this(windows, include, exclude, mainClass, true);
    }

    /** Checks that only the main class may be absent. */
    public WeaveSettings {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(include, "include");
        Objects.requireNonNull(exclude, "exclude");
    }
}
