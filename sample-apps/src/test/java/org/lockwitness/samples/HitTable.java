package org.lockwitness.samples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.explore.StrategyKind;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * A test-only entry point for measuring exploration budgets, run by hand under the agent with the
 * windows the workload declares: runs schedule seeds FROM..TO of one strategy (random or pct) on one
 * workload variant, the checker reset before each, and prints {@code seed S: STATUS [rules]} per
 * seed. Since {@code run} and {@code explore} try seeds START, START+1, … for these strategies, the
 * table gives how many schedules each starting seed in the range needs to find all the buggy
 * variant's required rules, as {@code run} does; the last line gives their median, 99th percentile
 * and maximum, and the share of starting seeds the workload's budget serves (README, "Sample
 * workloads", has the numbers).
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
        List<Set<String>> hits = new ArrayList<>();
        for (long seed = from; seed <= to; seed++) {
            checker.reset();
            RunResult r = runner.run(new Schedule(kind, seed, 0, 0)).result();
            Set<String> rules = Findings.rules(checker.findings());
            hits.add(rules);
            System.out.println("seed " + seed + ": " + r.status() + " " + rules);
        }
        List<Integer> needed = needed(hits, w.profile().requiredRules());
        if (needed.isEmpty()) {
            System.out.println("no starting seed found " + w.profile().requiredRules());
            return;
        }
        int budget = w.profile().budget().map(b -> b.schedules()).orElse(1);
        long served = needed.stream().filter(n -> n <= budget).count();
        System.out.println("starting seeds " + needed.size() + ": median " + percentile(needed, 0.5) + ", 99% "
                + percentile(needed, 0.99) + ", max " + needed.get(needed.size() - 1) + "; the budget of " + budget
                + " serves " + served + " (" + String.format(java.util.Locale.ROOT, "%.2f", 100.0 * served / needed.size())
                + "%)");
    }

    /**
     * @return for each starting seed whose answer lies within the table, how many schedules from it
     *     find every required rule, sorted
     */
    static List<Integer> needed(List<Set<String>> hits, Set<String> required) {
        List<Integer> out = new ArrayList<>();
        for (int start = 0; start < hits.size(); start++) {
            Set<String> got = new HashSet<>();
            for (int k = start; k < hits.size(); k++) {
                got.addAll(hits.get(k));
                if (got.containsAll(required)) {
                    out.add(k - start + 1);
                    break;
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    private static int percentile(List<Integer> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
