package org.lockwitness.agent.weave.jlock;

import java.util.Objects;
import org.lockwitness.agent.weave.ClassPatterns;

/**
 * Which application classes get their Java locks instrumented: those that {@code include}
 * matches and {@code exclude} does not, never the {@link Harness}. Immutable.
 *
 * @param include the classes to instrument ({@code javaInclude=}, default all)
 * @param exclude the classes never to instrument ({@code javaExclude=}, default none)
 */
public record JavaLockSettings(ClassPatterns include, ClassPatterns exclude) {

    /** Checks that both are given. */
    public JavaLockSettings {
        Objects.requireNonNull(include, "include");
        Objects.requireNonNull(exclude, "exclude");
    }

    /**
     * @param internalName a class's internal name
     * @return whether its Java locks are instrumented
     */
    boolean admits(String internalName) {
        if (Harness.excluded(internalName)) {
            return false;
        }
        String binary = internalName.replace('/', '.');
        return include.matches(binary) && !exclude.matches(binary);
    }
}
