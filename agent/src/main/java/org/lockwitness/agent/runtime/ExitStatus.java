package org.lockwitness.agent.runtime;

import org.lockwitness.witness.Witness;

/**
 * The exit status of {@code fail=}: when the launched {@code main} returns normally and a finding
 * of a failing rule was recorded, the JVM exits with {@link #FINDINGS}. An explicit
 * {@code System.exit(n)} never reaches here and keeps {@code n}; the agent never halts the JVM.
 * Public because the exit call woven into the launched main class reaches it through the entry
 * package ({@code MainReturn.mainExit}); not an API for anyone else.
 *
 * <p>Thread-safety: called on the main thread; reads the witness that {@link ProbeRuntime#start}
 * published.
 */
public final class ExitStatus {

    /** The status of a run with findings of failing rules. */
    public static final int FINDINGS = 1;

    private ExitStatus() {
    }

    /** The launched {@code main} returned: exit with {@link #FINDINGS} when a failing rule fired. */
    public static void mainReturned() {
        Witness w = ProbeRuntime.witness();
        if (w != null && w.hasFailures()) {
            System.exit(FINDINGS);
        }
    }
}
