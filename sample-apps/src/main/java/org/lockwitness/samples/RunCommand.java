package org.lockwitness.samples;

import java.io.PrintStream;
import java.util.List;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.Finding;
import org.lockwitness.kernel.probe.RunInfo;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.workload.ExploreBudget;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * {@code run}: one schedule when {@code --seed} is given (or the workload does not depend on the
 * schedule); else the workload's explore budget, keeping every schedule's findings, until the
 * buggy variant's required rules were all found.
 *
 * <p>Thread-safety: not thread-safe; one run per JVM.
 */
final class RunCommand {

    private final CommandLine cl;
    private final Workload workload;
    private final Checker checker;
    private final Launcher launcher;
    private final PrintStream out;

    RunCommand(CommandLine cl, Workload workload, Checker checker, Launcher launcher, PrintStream out) {
        this.cl = cl;
        this.workload = workload;
        this.checker = checker;
        this.launcher = launcher;
        this.out = out;
    }

    int execute(String command) {
        Runner runner = new Runner(workload, cl.variant, cl.cpus.orElse(workload.cpus()),
                cl.steps.orElse(workload.steps()), out::println);
        Explorer explorer = new Explorer(runner, checker, launcher, out);
        if (cl.seed.isPresent() || workload.budget().isEmpty()) {
            Schedule s = new Schedule(cl.strategy.orElse(StrategyKind.RANDOM), cl.seed.orElse(1),
                    cl.interrupt.orElse(0), cl.delay.orElse(0));
            out.println(String.join(" ", explorer.runArgs(s)));
            checker.reset();
            checker.runInfo(new RunInfo(command, s.seed(), s.kind().id(), explorer.replay(s)));
            RunResult r = runner.run(s).result();
            out.println("  " + Findings.outcome(r));
            return report(checker.findings(), r.status() != RunResult.Status.TIMED_OUT);
        }
        ExploreBudget budget = workload.budget().get();
        StrategyKind kind = cl.strategy.orElse(StrategyKind.of(budget.strategy()));
        out.println(String.join(" ", explorer.baseArgs()) + ": up to "
                + budget.schedules() + " " + kind.id() + " schedules");
        Explorer.Result result = explorer.explore(kind, 1, budget.schedules(), false, this::allRequired, command);
        result.hit().ifPresent(o -> out.println("  all required rules after " + result.schedules()
                + " schedules; the last one: " + explorer.replay(o.schedule())));
        boolean timedOut = result.hit().map(o -> o.result().status() == RunResult.Status.TIMED_OUT).orElse(false);
        return report(result.findings(), !timedOut);
    }

    private boolean allRequired(List<Finding> findings) {
        return cl.variant == Variant.BUGGY && Findings.rules(findings).containsAll(workload.requiredRules());
    }

    private int report(List<Finding> findings, boolean ranOut) {
        for (Finding f : findings) {
            out.println("  " + Findings.describe(f));
        }
        out.println(Findings.rulesLine(findings));
        return ranOut ? Main.OK : Main.FAILED;
    }
}
