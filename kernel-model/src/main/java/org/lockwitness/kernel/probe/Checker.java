package org.lockwitness.kernel.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
     * Describes the schedule of the next machine run for the reports (command, seed, strategy, the
     * command that replays it, its index among the program's schedules).
     *
     * @param info the run description
     */
    public abstract void runInfo(ScheduleInfo info);

    /**
     * A machine run starts. The model calls it from {@code Machine.run}, on the calling thread,
     * before any kernel thread of the machine runs; a checker attributes what it finds until
     * {@link #runEnded} to this run.
     *
     * <p>The default, and the no-op checker, do nothing.
     *
     * @param start the machine's seed, strategy, mode and CPUs
     */
    public void runStarted(RunStart start) {
        Objects.requireNonNull(start, "start");
    }

    /**
     * A machine run ended. The model calls it from {@code Machine.run} on the calling thread, after
     * the machine's kernel threads have stopped (for a TIMED_OUT run, whose threads may be stuck on
     * the host, without waiting for them): a checker may drop what it keeps per kernel thread and
     * per CPU of this machine.
     *
     * <p>The default, and the no-op checker, do nothing.
     *
     * @param end how the run ended
     */
    public void runEnded(RunEnd end) {
        Objects.requireNonNull(end, "end");
    }

    /**
     * Renders the {@code -javaagent:} argument that starts this checker's agent in another JVM with
     * the given options, e.g. {@code -javaagent:/abs/lockwitness-agent.jar=report=/tmp/r,windows=lines}.
     * The agent renders its own jar as an absolute path and the options in the map's iteration
     * order, as given: a caller that prints the argument for use elsewhere passes absolute paths.
     * A value may contain commas, but not a comma followed by {@code key=}. Callers outside the
     * agent use this instead of writing the agent's option syntax by hand.
     *
     * <p>The default, and the no-op checker, answer empty.
     *
     * @param options option keys and values, e.g. {@code report} to a directory
     * @return the argument, or empty when this checker is not an agent that can be started so
     * @throws IllegalArgumentException for an unknown key, or a value the agent would reject or
     *     would not read back as given
     */
    public Optional<String> javaAgentArgument(Map<String, String> options) {
        Objects.requireNonNull(options, "options");
        return Optional.empty();
    }

    /**
     * The options this checker's agent runs with, in the form {@link #javaAgentArgument} takes, so
     * that {@code javaAgentArgument(agentOptions())} starts an equivalent agent from any directory:
     * the report directory is always named and every path is absolute.
     *
     * <p>The default, and the no-op checker, answer an empty map.
     *
     * @return the running agent's options; unmodifiable
     */
    public Map<String, String> agentOptions() {
        return Map.of();
    }

    /**
     * Tells the checker that this JVM runs no machine itself: it only starts other JVMs under the
     * agent, each with its own report (as the samples' {@code demo} does). A checker that then sees
     * nothing to check ends without a word about it and writes no report; whatever it did see, it
     * reports as always.
     *
     * <p>The default, and the no-op checker, do nothing.
     */
    public void launcherOnly() {
    }

    /** Which interrupt windows a checker wove into the model ({@code windows=} of the agent). */
    public enum Windows {
        /**
         * A window before every source line and every {@code @Shared} field access of
         * {@code @KernelCode} classes, besides the model's own.
         */
        LINES,
        /** Only the model's own windows at primitive boundaries. */
        PROBES,
        /** No window at all: the model's own were removed too. */
        OFF
    }

    /**
     * Which interrupt windows the agent wove, so that a workload that needs the line windows can
     * warn when they are missing.
     *
     * <p>The default, and the no-op checker, answer {@link Windows#PROBES}: nothing was woven, and
     * the model runs with only its own primitive-boundary windows, which is what
     * {@code windows=probes} leaves.
     *
     * @return the windows in the model's code
     */
    public Windows windows() {
        return Windows.PROBES;
    }

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
