package org.lockwitness.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.MaskSubgraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

import org.lockwitness.witness.FindingKey;
import org.lockwitness.witness.Rule;
import org.lockwitness.witness.WitnessConfig;

/**
 * The cycle search run again on the merged lock-order graph: a cycle none of whose runs saw all of its
 * orders is a {@code LOCK_ORDER_REVERSAL} across runs, which no single JVM could report. As in WITNESS, an
 * edge is an order seen (a declared order never seen is no evidence of a run), and a reversal edge is the
 * reverse order that a run saw. For each edge {@code a -> b} whose runs never saw a path back from
 * {@code b} to {@code a}, the shortest path back in the union closes the cycle; each set of classes is
 * reported once, and never when an edge joins a blessed pair. Stateless.
 */
final class CrossRunReversals {
    private static final Comparator<Model.ClassId> BY_NAME = Comparator.comparing(Model.ClassId::name)
            .thenComparing(Model.ClassId::kind);

    private CrossRunReversals() {
    }

    /** The cross-run reversals of the merged edges. */
    static List<Model.Finding> find(List<Model.Edge> edges, WitnessConfig config) {
        Graph<Model.ClassId, Model.Edge> g = GraphTypeBuilder.<Model.ClassId, Model.Edge>directed()
                .allowingMultipleEdges(false).allowingSelfLoops(false).weighted(false).buildGraph();
        for (Model.Edge e : edges) {
            if (e.seen() && !e.from().id().equals(e.to().id())) {
                g.addVertex(e.from().id());
                g.addVertex(e.to().id());
                g.addEdge(e.from().id(), e.to().id(), e);
            }
        }
        List<Model.Finding> found = new ArrayList<>();
        Set<Set<Model.ClassId>> reported = new HashSet<>();
        for (Model.Edge e : g.edgeSet()) {
            if (seenBackInOneRun(g, e)) {
                continue;
            }
            GraphPath<Model.ClassId, Model.Edge> back = BFSShortestPath.findPathBetween(g, e.to().id(), e.from().id());
            if (back == null) {
                continue;
            }
            List<Model.Edge> cycle = new ArrayList<>();
            cycle.add(e);
            cycle.addAll(back.getEdgeList());
            Set<Model.ClassId> classes = new TreeSet<>(BY_NAME);
            cycle.forEach(c -> classes.add(c.from().id()));
            if (reported.add(classes) && cycle.stream().noneMatch(c -> blessed(config, c))) {
                found.add(finding(cycle));
            }
        }
        return found;
    }

    /** Whether one of the runs that saw {@code e} also saw a path back, closing the cycle in one JVM. */
    private static boolean seenBackInOneRun(Graph<Model.ClassId, Model.Edge> g, Model.Edge e) {
        for (String run : e.runs()) {
            Graph<Model.ClassId, Model.Edge> own = new MaskSubgraph<>(g, v -> false, x -> !x.runs().contains(run));
            if (BFSShortestPath.findPathBetween(own, e.to().id(), e.from().id()) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean blessed(WitnessConfig config, Model.Edge e) {
        return config.isBlessed(plain(e.from().name()), plain(e.to().name()));
    }

    /** A lock name without its namespace: a blessed pair holds in every namespace. */
    private static String plain(String name) {
        int sep = name.lastIndexOf(ReportReader.NAMESPACE_SEPARATOR);
        return sep < 0 ? name : name.substring(sep + ReportReader.NAMESPACE_SEPARATOR.length());
    }

    private static Model.Finding finding(List<Model.Edge> cycle) {
        List<String> locks = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        List<Model.Trace> stacks = new ArrayList<>();
        List<List<String>> frames = new ArrayList<>();
        Set<String> runs = new LinkedHashSet<>();
        Map<String, String> kinds = new HashMap<>();
        StringBuilder detail = new StringBuilder();
        for (Model.Edge e : cycle) {
            String order = e.from().name() + " -> " + e.to().name();
            String seenIn = String.join(", ", e.runs());
            locks.add(e.from().name());
            kinds.put(e.from().name(), e.from().kind());
            sites.add(e.site());
            stacks.add(new Model.Trace("lock order " + order + " seen in run " + seenIn + " at:", e.stack()));
            frames.add(e.stack());
            runs.addAll(e.runs());
            detail.append("\n ").append(order).append(" in run ").append(seenIn).append(" @ ").append(e.site());
        }
        String message = "lock order reversal across runs: "
                + cycle.stream().map(e -> e.from().name() + " -> " + e.to().name() + " (" + String.join(", ", e.runs())
                        + ")").collect(Collectors.joining(", "))
                + "\nno single JVM saw these orders together; each was seen in another run:" + detail;
        String rule = Rule.LOCK_ORDER_REVERSAL.name();
        String key = FindingKey.of(rule, locks, kinds::get, message, sites, frames).text();
        return new Model.Finding(rule, key, "WARN", message, locks, sites, stacks, 1, List.of(), List.of(),
                List.copyOf(runs), true, null);
    }
}
