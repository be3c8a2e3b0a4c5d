package org.lockwitness.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.kernel.probe.ScheduleInfo;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.explore.SweepStrategy;

/**
 * Runs schedules of one workload variant until the checker's findings satisfy a stop condition or
 * the schedules run out. {@code explore} resets the checker before each schedule and stops at the
 * first finding of its target; {@code run} without a seed keeps the findings of every schedule and
 * stops when all required rules were found. A sweep ends with how much of its space it covered.
 *
 * <p>Thread-safety: not thread-safe; one exploration at a time.
 */
final class Explorer {

    private final Runner runner;
    private final Checker checker;
    private final Launcher launcher;
    private final PrintStream out;

    Explorer(Runner runner, Checker checker, Launcher launcher, PrintStream out) {
        this.runner = runner;
        this.checker = checker;
        this.launcher = launcher;
        this.out = out;
    }

    /**
     * How an exploration ended: the schedule that satisfied the stop condition or timed out, if any.
     */
    record Result(Optional<Runner.Outcome> hit, int schedules, double seconds, List<CheckerFinding> findings) {

        /** @return whether the exploration stopped at a run that hit its wall-clock limit */
        boolean timedOut() {
            return hit.map(o -> o.result().status() == RunResult.Status.TIMED_OUT).orElse(false);
        }
    }

    /**
     * The j-th schedule of a strategy from a starting seed: a fresh seed per schedule for random
     * and pct. A sweep keeps the base seed: schedule 0 delays nothing, and each later one delays
     * one occurrence by 1..K-1 windows, occurrence by occurrence (a delay of 0 is the base again).
     */
    static Schedule schedule(StrategyKind kind, long start, int j) {
        if (kind == StrategyKind.SWEEP) {
            if (j == 0) {
                return new Schedule(kind, start, 0, 0);
            }
            int delays = SweepStrategy.DEFAULT_DELAYS - 1;
            return new Schedule(kind, start, (j - 1) / delays, 1 + (j - 1) % delays);
        }
        return new Schedule(kind, start + j, 0, 0);
    }

    /**
     * @param kind      the strategy
     * @param start     the starting seed
     * @param schedules the most schedules to run
     * @param resetEach whether to reset the checker before each schedule (else once, first)
     * @param stop      the stop condition on the checker's findings; a TIMED_OUT run stops too
     * @param command   the command line, for the reports
     */
    Result explore(StrategyKind kind, long start, int schedules, boolean resetEach,
            Predicate<List<CheckerFinding>> stop, String command) {
        long t0 = System.nanoTime();
        checker.reset();
        Optional<SweepCoverage> coverage = kind == StrategyKind.SWEEP
                ? Optional.of(new SweepCoverage(SweepStrategy.DEFAULT_DELAYS - 1)) : Optional.empty();
        Optional<Runner.Outcome> hit = Optional.empty();
        int tried = 0;
        for (int j = 0; j < schedules && hit.isEmpty(); j++) {
            Schedule s = schedule(kind, start, j);
            if (resetEach) {
                checker.reset();
            }
            checker.runInfo(new ScheduleInfo(command, s.seed(), kind.id(), replay(s), j + 1));
            Runner.Outcome o = runner.run(s);
            tried++;
            coverage.ifPresent(c -> c.ran(o));
            List<CheckerFinding> findings = checker.findings();
            if (o.result().status() == RunResult.Status.TIMED_OUT || stop.test(findings)) {
                hit = Optional.of(o);
                progress(tried, schedules, o, findings);
            } else if (!o.reached()) {
                out.println("sweep: no interrupt occurrence " + s.interrupt() + " in the base schedule; done");
                break;
            } else if (tried % 10 == 0 || tried == schedules) {
                progress(tried, schedules, o, findings);
            }
        }
        coverage.ifPresent(c -> out.println(c.line()));
        return new Result(hit, tried, seconds(t0), checker.findings());
    }

    /** @return the exact command that replays schedule {@code s} of this runner */
    String replay(Schedule s) {
        return launcher.replay(runArgs(s));
    }

    /** @return the {@code run} arguments of schedule {@code s} of this runner */
    List<String> runArgs(Schedule s) {
        List<String> a = new ArrayList<>(baseArgs());
        a.addAll(s.args());
        return a;
    }

    /** @return the {@code run} arguments of this runner: workload, variant, CPUs and steps */
    List<String> baseArgs() {
        return List.of("run", runner.workload().profile().name(), "--variant", runner.variant().id(), "--cpus",
                Integer.toString(runner.cpus()), "--steps", Long.toString(runner.steps()));
    }

    private void progress(int tried, int schedules, Runner.Outcome o, List<CheckerFinding> findings) {
        out.println("schedule " + tried + "/" + schedules + " " + String.join(" ", o.schedule().args()) + ": "
                + o.result().status() + ", " + Findings.rules(findings));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
