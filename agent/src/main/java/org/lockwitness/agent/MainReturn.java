package org.lockwitness.agent;

import org.lockwitness.agent.runtime.ExitStatus;

/**
 * What the exit call woven into the launched {@code main} calls first when {@code main} returns
 * normally: the reports are written then, and when they cannot be, the JVM exits with
 * {@link #INFRASTRUCTURE} (before {@code fail=}'s check, which would exit with 1). An explicit
 * {@code System.exit(n)} never reaches here and keeps {@code n}; so does an attached agent, which
 * has no exit call. Public because the call is woven into the launched main class, which
 * must be able to call it; not an API for anyone else.
 *
 * <p>The agent's exit statuses: 0 ok; 1 findings of a {@code fail=} rule
 * ({@code runtime.ExitStatus}); 2 bad options ({@code Boot}); 3 infrastructure, here.
 *
 * <p>Thread-safety: {@link #install} publishes the summary before any main class is woven;
 * {@link #mainReturned()} runs on the main thread.
 */
public final class MainReturn {

    /** The status of a run whose report could not be written. */
    public static final int INFRASTRUCTURE = 3;

    private static volatile ExitSummary summary;

    private MainReturn() {
    }

    static void install(ExitSummary exitSummary) {
        summary = exitSummary;
    }

    /**
     * What the exit weaving inserts before each {@code return} of the launched {@code main}: the
     * report check here, then {@code fail=}'s ({@code runtime.ExitStatus}). Whatever either throws is
     * swallowed, as the program's own return must not fail because of the agent.
     */
    public static void mainExit() {
        try {
            mainReturned();
            ExitStatus.mainReturned();
        } catch (Throwable ignored) {
            // the report and the status are best effort; the host's main has returned normally
        }
    }

    /** The launched {@code main} returned normally: write the reports, exit with 3 if that failed. */
    public static void mainReturned() {
        ExitSummary s = summary;
        if (s != null && !s.writeAtMainReturn()) {
            System.exit(INFRASTRUCTURE);
        }
    }
}
