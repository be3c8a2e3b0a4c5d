package org.lockwitness.samples;

import java.time.Duration;
import java.util.function.Consumer;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.MachineBuilder;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Strategy;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.explore.SweepStrategy;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * Runs one schedule of one workload variant on a fresh DETERMINISTIC machine. Knows nothing of the
 * checker: the caller resets it and reads its findings.
 *
 * <p>Thread-safety: immutable; runs one machine at a time per calling thread.
 */
final class Runner {

    /** An infrastructure limit, never a finding: a run that takes longer is reported as timed out. */
    static final Duration WALL_CLOCK_LIMIT = Duration.ofMinutes(3);

    private final Workload workload;
    private final Variant variant;
    private final int cpus;
    private final long steps;
    private final Consumer<String> console;
    private final Duration wallClockLimit;

    Runner(Workload workload, Variant variant, int cpus, long steps, Consumer<String> console) {
        this(workload, variant, cpus, steps, console, WALL_CLOCK_LIMIT);
    }

    Runner(Workload workload, Variant variant, int cpus, long steps, Consumer<String> console,
            Duration wallClockLimit) {
        this.workload = workload;
        this.variant = variant;
        this.cpus = cpus;
        this.steps = steps;
        this.console = console;
        this.wallClockLimit = wallClockLimit;
    }

    /** One run's result, and for a sweep whether the delayed interrupt occurred at all. */
    record Outcome(Schedule schedule, RunResult result, boolean reached) {
    }

    Outcome run(Schedule schedule) {
        Strategy strategy = schedule.strategy(workload.profile().typicalSteps());
        MachineBuilder b = Machine.builder().cpus(cpus).seed(schedule.seed()).strategy(strategy)
                .wallClockLimit(wallClockLimit);
        Machine m = workload.configure(b, variant).build();
        workload.start(m, variant, console);
        RunResult r = m.run(steps);
        boolean reached = !(strategy instanceof SweepStrategy s) || s.reached();
        return new Outcome(schedule, r, reached);
    }

    Workload workload() {
        return workload;
    }

    Variant variant() {
        return variant;
    }

    int cpus() {
        return cpus;
    }

    long steps() {
        return steps;
    }
}
