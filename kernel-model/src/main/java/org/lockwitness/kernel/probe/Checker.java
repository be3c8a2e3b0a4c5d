package org.lockwitness.kernel.probe;

import java.util.List;
import java.util.Objects;

/**
 * The service-provider interface between the kernel model and a checker. The agent installs its
 * implementation with {@link #install(Checker)} before {@code main}; without the agent the model
 * sees {@link #none()}, a checker that checks nothing and says so through {@link #isPresent()}.
 *
 * <p>A checker never throws into the model. When a finding calls for a panic, the checker records
 * it and then calls {@link #halt(String)}: the machine stops at its next scheduling point, without
 * any exception thrown through model code.
 *
 * <p>Thread-safety: {@link #install} and {@link #installed} may be called from any thread;
 * implementations must be thread-safe.
 */
public abstract class Checker {

    private static final Checker NONE = new NoChecker();

    private static volatile Checker installed = NONE;

    /** Creates a checker. */
    protected Checker() {
    }

    /**
     * Installs the process-wide checker.
     *
     * @param checker the checker; not null
     */
    public static void install(Checker checker) {
        installed = Objects.requireNonNull(checker, "checker");
    }

    /** @return the installed checker, or {@link #none()} */
    public static Checker installed() {
        return installed;
    }

    /** @return the checker that checks nothing */
    public static Checker none() {
        return NONE;
    }

    /** @return true when a real checker (the agent) is installed */
    public abstract boolean isPresent();

    /** Forgets all findings, learned orders and held-lock state, as before a new schedule. */
    public abstract void reset();

    /** @return a snapshot of the findings so far, in the order they were first seen */
    public abstract List<CheckerFinding> findings();

    /**
     * Describes the run for the reports (command, seed, strategy, the command that replays it).
     *
     * @param info the run description
     */
    public abstract void runInfo(ScheduleInfo info);

    /**
     * Halts the machine that runs the calling kernel thread (or, from any other thread, the machine
     * that is running) at its next scheduling point. The run result then says halted, with
     * {@code reason} as its cause.
     *
     * @param reason why the machine stops
     */
    public final void halt(String reason) {
        HaltHook.request(reason);
    }

    private static final class NoChecker extends Checker {
        @Override
        public boolean isPresent() {
            return false;
        }

        @Override
        public void reset() {
        }

        @Override
        public List<CheckerFinding> findings() {
            return List.of();
        }

        @Override
        public void runInfo(ScheduleInfo info) {
        }
    }
}
