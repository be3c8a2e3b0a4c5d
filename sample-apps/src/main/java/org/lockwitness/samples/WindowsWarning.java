package org.lockwitness.samples;

import java.util.Locale;
import java.util.Optional;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.workload.Profile;

/**
 * The warning {@code run} and {@code explore} print when the agent did not weave the interrupt
 * windows a workload declares it needs ({@link Profile#windows()}): without them its bug cannot
 * happen, so "nothing found" would prove nothing. The order is {@code lines} (the most windows),
 * then {@code probes}, then {@code off}. {@code demo} never needs it: it starts each JVM with the
 * windows its workload declares.
 *
 * <p>Thread-safety: stateless.
 */
final class WindowsWarning {

    private WindowsWarning() {
    }

    /**
     * @param profile the workload
     * @param woven   the windows the agent wove ({@link Checker#windows()})
     * @return the warning, or empty when the woven windows include the needed ones
     */
    static Optional<String> of(Profile profile, Checker.Windows woven) {
        if (woven.ordinal() <= profile.windows().ordinal()) { // LINES, PROBES, OFF: fewer windows each
            return Optional.empty();
        }
        String needed = id(profile.windows());
        return Optional.of("lockwitness-samples: WARNING: " + profile.name() + " needs windows=" + needed
                + ", but the agent runs with windows=" + id(woven) + ": the interrupt its bug needs can never"
                + " arrive, so finding nothing proves nothing. Add windows=" + needed + " to the agent's options"
                + " (-javaagent:lockwitness-agent.jar=report=DIR,windows=" + needed + ").");
    }

    /** @return the agent's option value for these windows */
    static String id(Checker.Windows windows) {
        return windows.name().toLowerCase(Locale.ROOT);
    }
}
