package org.lockwitness.agent;

/**
 * The exit status of {@code fail=}: when the launched {@code main} returns normally and a finding
 * of a failing rule was recorded, the JVM exits with {@link #FINDINGS}. An explicit
 * {@code System.exit(n)} never reaches here and keeps {@code n}; the agent never halts the JVM.
 * Public because the exit advice is inlined into the main class.
 *
 * <p>Thread-safety: called on the main thread.
 */
public final class ExitStatus {

    /** The status of a run with findings of failing rules. */
    public static final int FINDINGS = 1;

    private static volatile Agent agent;

    private ExitStatus() {
    }

    static void agent(Agent a) {
        agent = a;
    }

    /** The launched {@code main} returned: exit with {@link #FINDINGS} when a failing rule fired. */
    public static void mainReturned() {
        Agent a = agent;
        if (a != null && a.failed()) {
            System.exit(FINDINGS);
        }
    }
}
