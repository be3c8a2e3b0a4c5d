package org.lockwitness.samples;

import java.time.Duration;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * A test-only entry point for measuring exploration budgets, run by hand under the agent with
 * {@code windows=lines}: runs schedule seeds FROM..TO of one strategy (random or pct) on one workload
 * variant, the checker reset before each, and prints {@code seed S: STATUS [rules]} per seed. Since
 * {@code explore} and {@code run} try seeds START, START+1, … for these strategies, the table gives
 * how many schedules any starting seed in the range needs to find any set of rules (README,
 * "Sample workloads", has the numbers and the script).
 *
 * <p>Arguments: {@code NAME buggy|fixed random|pct FROM TO}.
 */
final class HitTable {

    private HitTable() {
    }

    /** @param args {@code NAME buggy|fixed random|pct FROM TO} */
    public static void main(String[] args) {
        Workload w = Workloads.named(args[0]).orElseThrow();
        Variant v = Variant.of(args[1]);
        StrategyKind kind = StrategyKind.of(args[2]);
        long from = Long.parseLong(args[3]);
        long to = Long.parseLong(args[4]);
        Checker checker = Checker.installed();
        if (!checker.isPresent()) {
            System.err.println("HitTable: the agent is missing");
            System.exit(Main.NO_AGENT);
        }
        Runner runner = new Runner(w, v, w.profile().cpus(), w.profile().steps(), line -> { }, Duration.ofSeconds(60));
        for (long seed = from; seed <= to; seed++) {
            checker.reset();
            RunResult r = runner.run(new Schedule(kind, seed, 0, 0)).result();
            System.out.println("seed " + seed + ": " + r.status() + " " + Findings.rules(checker.findings()));
        }
    }
}
