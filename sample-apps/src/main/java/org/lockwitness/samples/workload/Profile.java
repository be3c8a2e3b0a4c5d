package org.lockwitness.samples.workload;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lockwitness.kernel.probe.Checker;

/**
 * What a workload declares about itself: its name and seeds, the rules its buggy variant must and
 * may report, how to explore it, and the machine it wants.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name           the name on the command line, e.g. {@code rendezvous-preempt}
 * @param seeds          the seed documents it re-enacts, e.g. {@code 000, 001}
 * @param description    one line on what it does
 * @param requiredRules  the rules (witness rule IDs) the buggy variant must report
 * @param toleratedRules rules the buggy variant may also report, as cascades of the required ones
 * @param budget         how to explore it when its bug depends on the schedule, else empty
 * @param windows        the interrupt windows its bug needs ({@code windows=} of the agent): {@code LINES}
 *                       when the bug is an interrupt between two lines of its own code or the model's,
 *                       {@code PROBES} when the model's windows at primitive boundaries suffice
 * @param cpus           the default number of CPUs
 * @param steps          the default step limit of one run, in scheduling points
 * @param typicalSteps   about how many scheduling points one run takes, for PCT's change points
 */
public record Profile(String name, String seeds, String description, Set<String> requiredRules,
        Set<String> toleratedRules, Optional<ExploreBudget> budget, Checker.Windows windows, int cpus, long steps, long typicalSteps) {

    /** Copies the sets. */
    public Profile {
        Objects.requireNonNull(windows, "windows");
        requiredRules = Set.copyOf(requiredRules);
        toleratedRules = Set.copyOf(toleratedRules);
    }
}
