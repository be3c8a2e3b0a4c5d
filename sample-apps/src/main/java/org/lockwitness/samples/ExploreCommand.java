package org.lockwitness.samples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.Finding;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.workload.ExploreBudget;
import org.lockwitness.samples.workload.Workload;

/**
 * {@code explore}: schedules of one strategy, the checker reset before each, until the first
 * finding of the target rule (default: any rule the buggy variant requires). Prints progress, then
 * the schedules tried, the seconds taken and the exact command that replays the finding.
 *
 * <p>Thread-safety: not thread-safe; one exploration per JVM.
 */
final class ExploreCommand {

    static final String REPLAY = "replay: ";

    private final CommandLine cl;
    private final Workload workload;
    private final Checker checker;
    private final Launcher launcher;
    private final PrintStream out;

    ExploreCommand(CommandLine cl, Workload workload, Checker checker, Launcher launcher, PrintStream out) {
        this.cl = cl;
        this.workload = workload;
        this.checker = checker;
        this.launcher = launcher;
        this.out = out;
    }

    int execute(String command) {
        StrategyKind kind = cl.strategy.orElseThrow();
        int schedules = cl.schedules.orElse(workload.budget().map(ExploreBudget::schedules).orElse(200));
        Predicate<String> target = cl.target.<Predicate<String>>map(t -> t::equals)
                .orElse(workload.requiredRules()::contains);
        String what = cl.target.orElse("any of " + workload.requiredRules());
        Runner runner = new Runner(workload, cl.variant, cl.cpus.orElse(workload.cpus()),
                cl.steps.orElse(workload.steps()), line -> { });
        Explorer explorer = new Explorer(runner, checker, launcher, out);
        out.println("explore " + workload.name() + " --variant " + cl.variant.id() + " --strategy " + kind.id()
                + ": up to " + schedules + " schedules for " + what);
        Explorer.Result r = explorer.explore(kind, cl.seed.orElse(1), schedules, true,
                findings -> first(findings, target).isPresent(), command);
        String seconds = String.format(Locale.ROOT, "%.1f", r.seconds());
        if (r.hit().isEmpty()) {
            out.println("nothing found: " + r.schedules() + " schedules, " + seconds + " s");
            return Main.FAILED;
        }
        Runner.Outcome o = r.hit().get();
        out.println("found " + first(r.findings(), target).get().rule() + ": " + r.schedules() + " schedules, "
                + seconds + " s");
        out.println("  " + Findings.outcome(o.result()));
        for (Finding f : r.findings()) {
            out.println("  " + Findings.describe(f));
        }
        out.println(Findings.rulesLine(r.findings()));
        out.println(REPLAY + explorer.replay(o.schedule()));
        return Main.OK;
    }

    private static Optional<Finding> first(List<Finding> findings, Predicate<String> target) {
        return findings.stream().filter(f -> target.test(f.rule())).findFirst();
    }
}
