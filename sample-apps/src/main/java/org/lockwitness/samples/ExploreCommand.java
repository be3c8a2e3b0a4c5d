package org.lockwitness.samples;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.workload.ExploreBudget;
import org.lockwitness.samples.workload.Profile;

/**
 * {@code explore}: schedules of one strategy, the checker reset before each, until the first
 * finding of the target rule (default: any rule the buggy variant requires). Prints progress, then
 * the schedules tried, the seconds taken and the exact command that replays the finding.
 *
 * <p>Thread-safety: not thread-safe; one exploration per JVM.
 */
final class ExploreCommand {

    static final String REPLAY = "replay: ";
    static final int DEFAULT_SCHEDULES = 200;

    private final Invocation in;

    ExploreCommand(Invocation in) {
        this.in = in;
    }

    int execute(String command) {
        CommandLine cl = in.cl();
        Profile p = in.workload().profile();
        StrategyKind kind = cl.strategy.orElseThrow();
        int schedules = cl.schedules.orElse(p.budget().map(ExploreBudget::schedules).orElse(DEFAULT_SCHEDULES));
        Predicate<String> target = cl.target.<Predicate<String>>map(t -> t::equals).orElse(p.requiredRules()::contains);
        String what = cl.target.orElse("any of " + p.requiredRules());
        Explorer explorer = in.explorer(in.runner(line -> { }));
        in.out().println("explore " + p.name() + " --variant " + cl.variant.id() + " --strategy " + kind.id()
                + ": up to " + schedules + " schedules for " + what);
        Explorer.Result r = explorer.explore(kind, cl.seed.orElse(1), schedules, true,
                findings -> first(findings, target).isPresent(), command);
        String seconds = String.format(Locale.ROOT, "%.1f", r.seconds());
        if (r.timedOut()) {
            Findings.timedOut(r.hit().get().result(), explorer.replay(r.hit().get().schedule()))
                    .forEach(in.out()::println);
            return Main.TIMED_OUT;
        }
        if (r.hit().isEmpty()) {
            in.out().println("nothing found: " + r.schedules() + " schedules, " + seconds + " s");
            return Main.FAILED;
        }
        Runner.Outcome o = r.hit().get();
        in.out().println("found " + first(r.findings(), target).get().rule() + ": " + r.schedules() + " schedules, "
                + seconds + " s");
        in.out().println("  " + Findings.outcome(o.result()));
        for (CheckerFinding f : r.findings()) {
            in.out().println("  " + Findings.describe(f));
        }
        in.out().println(Findings.rulesLine(r.findings()));
        in.out().println(REPLAY + explorer.replay(o.schedule()));
        return Main.OK;
    }

    private static Optional<CheckerFinding> first(List<CheckerFinding> findings, Predicate<String> target) {
        return findings.stream().filter(f -> target.test(f.rule())).findFirst();
    }
}
