package org.lockwitness.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lockwitness.witness.WitnessConfig;

/**
 * The union of several runs: lock classes by name and kind (references summed, flags joined), edges by
 * their two classes (counts summed, the first site and stack of a run that saw the order, the runs that saw
 * it), findings by key (counts summed, sites, threads, CPUs and runs joined, the first message and stacks
 * kept, and the first test that saw it), then the reversals that only the union shows ({@link CrossRunReversals}). Stateless.
 */
final class Merger {
    static final String MERGED = "merged";

    private Merger() {
    }

    /** Merges the runs; a reversal between a pair blessed by {@code config} is not reported across runs. */
    static Model.Report merge(List<Model.Report> runs, WitnessConfig config) {
        Map<Model.ClassId, Model.LockClass> classes = new LinkedHashMap<>();
        Map<List<Model.ClassId>, Model.Edge> edges = new LinkedHashMap<>();
        Map<String, Model.Finding> findings = new LinkedHashMap<>();
        for (Model.Report run : runs) {
            for (Model.LockClass c : run.classes()) {
                classes.merge(c.id(), c, Merger::lockClass);
            }
            for (Model.Edge e : run.edges()) {
                edges.merge(List.of(e.from().id(), e.to().id()), e, Merger::edge);
            }
            for (Model.Finding f : run.findings()) {
                findings.merge(f.key(), f, Merger::finding);
            }
        }
        List<Model.Edge> merged = new ArrayList<>(edges.values());
        List<Model.Finding> all = new ArrayList<>(findings.values());
        for (Model.Finding f : CrossRunReversals.find(merged, config)) {
            if (!findings.containsKey(f.key())) {
                all.add(f);
            }
        }
        return new Model.Report(MERGED, List.copyOf(classes.values()), merged, all);
    }

    private static Model.LockClass lockClass(Model.LockClass a, Model.LockClass b) {
        Set<String> flags = new TreeSet<>(a.flags());
        flags.addAll(b.flags());
        return new Model.LockClass(a.name(), a.kind(), List.copyOf(flags), a.refs() + b.refs());
    }

    private static Model.Edge edge(Model.Edge a, Model.Edge b) {
        Model.Edge first = a.runs().isEmpty() && !b.runs().isEmpty() ? b : a;
        return new Model.Edge(a.from(), a.to(), a.count() + b.count(), first.site(), first.stack(),
                a.reversal() || b.reversal(), a.declared() || b.declared(), union(a.runs(), b.runs()));
    }

    /** One finding of two runs: a run that saw it unqualified makes it unqualified, with that run's policy and message. */
    private static Model.Finding finding(Model.Finding a, Model.Finding b) {
        Set<Integer> cpus = new TreeSet<>(a.cpus());
        cpus.addAll(b.cpus());
        Model.Finding base = a.qualifier() != null && b.qualifier() == null ? b : a;
        return new Model.Finding(a.rule(), a.key(), base.policy(), base.message(), a.locks(),
                union(a.sites(), b.sites()), a.stacks(), a.count() + b.count(), union(a.threads(), b.threads()),
                List.copyOf(cpus), union(a.runs(), b.runs()), a.crossRun() || b.crossRun(), base.qualifier(),
                a.test() != null ? a.test() : b.test());
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
