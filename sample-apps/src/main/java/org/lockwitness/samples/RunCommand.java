package org.lockwitness.samples;

import java.util.List;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.kernel.probe.ScheduleInfo;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.workload.ExploreBudget;
import org.lockwitness.samples.workload.Variant;

/**
 * {@code run}: one schedule when {@code --seed} is given (or the workload does not depend on the
 * schedule); else the workload's explore budget, keeping every schedule's findings, until the
 * buggy variant's required rules were all found.
 *
 * <p>Thread-safety: not thread-safe; one run per JVM.
 */
final class RunCommand {

    private final Invocation in;

    RunCommand(Invocation in) {
        this.in = in;
    }

    int execute(String command) {
        CommandLine cl = in.cl();
        Runner runner = in.runner(in.out()::println);
        Explorer explorer = in.explorer(runner);
        if (cl.seed.isPresent() || in.workload().profile().budget().isEmpty()) {
            Schedule s = new Schedule(cl.strategy.orElse(StrategyKind.RANDOM), cl.seed.orElse(1),
                    cl.interrupt.orElse(0), cl.delay.orElse(0));
            in.out().println(String.join(" ", explorer.runArgs(s)));
            in.checker().reset();
            in.checker().runInfo(new ScheduleInfo(command, s.seed(), s.kind().id(), explorer.replay(s), 1));
            RunResult r = runner.run(s).result();
            in.out().println("  " + Findings.outcome(r));
            return report(in.checker().findings(), r, s, explorer);
        }
        ExploreBudget budget = in.workload().profile().budget().get();
        StrategyKind kind = cl.strategy.orElse(StrategyKind.of(budget.strategy()));
        in.out().println(String.join(" ", explorer.baseArgs()) + ": up to " + budget.schedules() + " " + kind.id()
                + " schedules");
        Explorer.Result result = explorer.explore(kind, 1, budget.schedules(), false, this::allRequired, command);
        result.hit().filter(o -> !result.timedOut()).ifPresent(o -> in.out().println("  all required rules after "
                + result.schedules() + " schedules; the last one: " + explorer.replay(o.schedule())));
        return report(result.findings(), result.hit().map(Runner.Outcome::result).orElse(null),
                result.hit().map(Runner.Outcome::schedule).orElse(null), explorer);
    }

    private boolean allRequired(List<CheckerFinding> findings) {
        return in.cl().variant == Variant.BUGGY
                && Findings.rules(findings).containsAll(in.workload().profile().requiredRules());
    }

    /** Prints the findings; a run that hit its wall-clock limit, if {@code last} did, exits 3. */
    private int report(List<CheckerFinding> findings, RunResult last, Schedule schedule, Explorer explorer) {
        for (CheckerFinding f : findings) {
            in.out().println("  " + Findings.describe(f));
        }
        in.out().println(Findings.rulesLine(findings));
        if (last != null && last.status() == RunResult.Status.TIMED_OUT) {
            Findings.timedOut(last, explorer.replay(schedule)).forEach(in.out()::println);
            return Main.TIMED_OUT;
        }
        return Main.OK;
    }
}
