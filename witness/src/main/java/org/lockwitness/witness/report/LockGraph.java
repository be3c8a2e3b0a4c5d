package org.lockwitness.witness.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a drawing of the lock-order graph shows, and how each part is marked: the one place that
 * decides it for {@code lock-order.dot} and for the command line's HTML report, so both draw the
 * same graph. By default the classes the checked program marked as its own machinery
 * ({@link org.lockwitness.witness.LockFlags#INFRASTRUCTURE}) are left out unless they take part in
 * a finding, and so is every class left with no order drawn and no finding; {@code all} keeps
 * everything. The edges of a reversal cycle carry their first site, the reversal itself where the
 * reverse order was attempted. Immutable and thread-safe.
 *
 * <p>Public for the command line, which draws the same graph from {@code witness.json}; not an API.
 */
public final class LockGraph {
    /** The kind of a class the configuration names but no enrolled lock has, as the reports write it. */
    public static final String DECLARED_ONLY_KIND = "unknown";

    /**
     * A lock class.
     *
     * @param name its name
     * @param kind FreeBSD's class name of its kind, or {@value #DECLARED_ONLY_KIND}
     * @param infrastructure whether the program marked it as its own machinery
     */
    public record Node(String name, String kind, boolean infrastructure) {
        /** Whether it is a spin lock (FreeBSD's spin tree), not a sleep lock. */
        public boolean spin() {
            return "spin mutex".equals(kind);
        }

        /** Whether only the configuration named it: no lock of it was ever enrolled. */
        public boolean declaredOnly() {
            return DECLARED_ONLY_KIND.equals(kind);
        }
    }

    /**
     * An order, or a reversal.
     *
     * @param from the held class
     * @param to the acquired class
     * @param count how often the order was seen
     * @param site where it was first seen (for a declared order, {@code declared FILE:LINE})
     * @param reversal whether it is a reversal: the reverse of a known order, attempted at {@code site}
     * @param declared whether the configuration declared it
     */
    public record Edge(String from, String to, long count, String site, boolean reversal, boolean declared) {
        /** The label of a declared order: its site, which names the configuration line. */
        public String declaredLabel() {
            return site != null && site.startsWith("declared") ? site : "declared " + site;
        }
    }

    /**
     * The part a finding plays in the drawing.
     *
     * @param reversal whether it is a lock-order reversal, whose locks are its cycle starting with
     *     the held lock
     * @param locks the lock classes it names
     */
    public record Involvement(boolean reversal, List<String> locks) {
        /** Copies the list. */
        public Involvement {
            locks = List.copyOf(locks);
        }
    }

    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Set<String> inFinding;
    private final Set<String> cycleEdges;
    private final Map<String, Integer> reversalFinding;
    private final int hidden;

    private LockGraph(List<Node> nodes, List<Edge> edges, Set<String> inFinding, Set<String> cycleEdges,
            Map<String, Integer> reversalFinding, int hidden) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.inFinding = inFinding;
        this.cycleEdges = cycleEdges;
        this.reversalFinding = reversalFinding;
        this.hidden = hidden;
    }

    /**
     * The graph to draw.
     *
     * @param classes every class, in report order
     * @param orders every order and reversal
     * @param findings every finding, in report order (its index is its number in {@link #findingOf})
     * @param all whether to keep every class and order
     */
    public static LockGraph select(List<Node> classes, List<Edge> orders, List<Involvement> findings, boolean all) {
        Set<String> inFinding = new HashSet<>();
        Set<String> cycle = new HashSet<>();
        Map<String, Integer> reversalFinding = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Involvement f = findings.get(i);
            inFinding.addAll(f.locks());
            if (f.reversal() && f.locks().size() >= 2) {
                List<String> l = f.locks();
                reversalFinding.putIfAbsent(pair(l.get(0), l.get(1)), i);
                for (int k = 1; k < l.size(); k++) {
                    cycle.add(pair(l.get(k), l.get((k + 1) % l.size())));
                }
            }
        }
        Set<String> eligible = new HashSet<>();
        for (Node n : classes) {
            if (all || !n.infrastructure() || inFinding.contains(n.name())) {
                eligible.add(n.name());
            }
        }
        List<Edge> shownEdges = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (Edge e : orders) {
            if (eligible.contains(e.from()) && eligible.contains(e.to())) {
                shownEdges.add(e);
                touched.add(e.from());
                touched.add(e.to());
            }
        }
        List<Node> shown = new ArrayList<>();
        for (Node n : classes) {
            if (all || (eligible.contains(n.name()) && (touched.contains(n.name()) || inFinding.contains(n.name())))) {
                shown.add(n);
            }
        }
        return new LockGraph(shown, shownEdges, inFinding, cycle, reversalFinding, classes.size() - shown.size());
    }

    /**
     * This graph cut down to the classes of findings and their neighbours when it has more than
     * {@code max} classes, else this graph.
     */
    public LockGraph focus(int max) {
        if (nodes.size() <= max) {
            return this;
        }
        Set<String> keep = new LinkedHashSet<>();
        for (Node n : nodes) {
            if (inFinding.contains(n.name())) {
                keep.add(n.name());
            }
        }
        Set<String> core = Set.copyOf(keep);
        for (Edge e : edges) {
            if (core.contains(e.from()) || core.contains(e.to())) {
                keep.add(e.from());
                keep.add(e.to());
            }
        }
        List<Node> n2 = nodes.stream().filter(n -> keep.contains(n.name())).toList();
        List<Edge> e2 = edges.stream().filter(e -> keep.contains(e.from()) && keep.contains(e.to())).toList();
        return new LockGraph(n2, e2, inFinding, cycleEdges, reversalFinding, hidden + nodes.size() - n2.size());
    }

    /** The classes drawn. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The orders and reversals drawn, between classes drawn. */
    public List<Edge> edges() {
        return edges;
    }

    /** How many classes of the report are not drawn. */
    public int hidden() {
        return hidden;
    }

    /** Whether the class takes part in a finding. */
    public boolean inFinding(String name) {
        return inFinding.contains(name);
    }

    /** Whether the order (not a reversal) is an edge of some reversal's cycle, so it is labelled with its site. */
    public boolean onCycle(Edge e) {
        return !e.reversal() && cycleEdges.contains(pair(e.from(), e.to()));
    }

    /** The number of the reversal finding a reversal edge belongs to, or -1. */
    public int findingOf(Edge e) {
        return e.reversal() ? reversalFinding.getOrDefault(pair(e.from(), e.to()), -1) : -1;
    }

    private static String pair(String from, String to) {
        return from + '\u0000' + to;
    }
}
