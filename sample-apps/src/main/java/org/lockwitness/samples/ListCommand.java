package org.lockwitness.samples;

import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;
import org.lockwitness.samples.workload.Workload;

/**
 * {@code list}: each workload with its seeds, the rules its buggy variant requires, its explore
 * budget, the interrupt windows it needs and what it does.
 *
 * <p>Thread-safety: not thread-safe (prints to one stream).
 */
final class ListCommand {

    private final PrintStream out;

    ListCommand(PrintStream out) {
        this.out = out;
    }

    void print(List<Workload> workloads) {
        for (Workload w : workloads) {
            out.println(w.profile().name() + "  (seeds " + w.profile().seeds() + ")");
            out.println("    " + w.profile().description());
            out.println("    buggy requires " + new TreeSet<>(w.profile().requiredRules()) + ", tolerates "
                    + new TreeSet<>(w.profile().toleratedRules()));
            out.println("    " + w.profile().budget().map(b -> "explore budget: " + b.schedules() + " " + b.strategy()
                    + " schedules").orElse("deterministic: one schedule") + "; " + w.profile().cpus() + " CPUs; needs"
                    + " windows=" + WindowsWarning.id(w.profile().windows()));
        }
    }
}
