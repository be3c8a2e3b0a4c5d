package org.lockwitness.witness.report;

import static org.lockwitness.witness.report.DotEscape.quote;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lockwitness.witness.Finding;
import org.lockwitness.witness.LockFlags;
import org.lockwitness.witness.Rule;

/**
 * {@code lock-order.dot} and the per-reversal cycle graphs. Hand-written rather than jgrapht-io's
 * {@code DOTExporter}: that exporter validates ids but does not escape them, and jgrapht-io would
 * bring ANTLR and commons-text into the agent's shaded jar. Ids are quoted and escaped by
 * {@link DotEscape}. What the graph shows and how each part looks is {@link LockGraph}'s choice;
 * how it looks is written in a legend, the graph's own label. Each file starts with the comment {@code // lockwitness snapshot N}, as every
 * file of one write does. Stateless; called by {@link ReportWriter} only.
 */
final class DotReport {
    private DotReport() {
    }

    /**
     * The legend, the graph's own label, which Graphviz draws under the graph: an HTML-like label
     * of fixed text, its lines left-justified. (jgrapht-io's DOT reader takes no backslash escape
     * but {@code \\} and {@code \"}, so labels break lines with a raw line break, and the legend
     * with {@code <br/>}.)
     */
    static final String LEGEND = "legend" + left()
            + "box: sleep lock (mutex, sx, rw, rm, lockmgr, serializer); octagon: spin mutex" + left()
            + "dashed box: declared in the configuration only, never taken; grey box: the program's own lock" + left()
            + "red border: the class takes part in a finding" + left()
            + "thick red edge: reversal, labelled where the reverse order was attempted" + left()
            + "labelled edge: an order of a reversal's cycle, at its first site; grey dashed: declared order" + left()
            + "hover an edge for its first site and how often it was seen" + left();

    static void writeGraph(ReportSnapshot s, long sequence, boolean all, Writer w) throws IOException {
        LockGraph g = graph(s, all);
        w.write(snapshotComment(sequence));
        w.write("digraph \"lock-order\" {\n");
        w.write("  graph [label=<" + LEGEND + (g.hidden() > 0 ? hiddenNote(g.hidden()) : "")
                + ">, labelloc=b, labeljust=l, fontname=Helvetica, fontsize=10];\n");
        w.write("  node [shape=box, style=rounded, fontname=Helvetica];\n  edge [fontname=Helvetica, fontsize=10];\n");
        for (LockGraph.Node n : g.nodes()) {
            w.write("  " + quote(n.name()) + " [" + nodeAttributes(g, n) + "];\n");
        }
        for (LockGraph.Edge e : g.edges()) {
            w.write("  " + quote(e.from()) + " -> " + quote(e.to()) + " [" + edgeAttributes(g, e) + "];\n");
        }
        w.write("}\n");
    }

    /** The drawing of a snapshot: its classes, orders and findings as {@link LockGraph} takes them. */
    static LockGraph graph(ReportSnapshot s, boolean all) {
        List<LockGraph.Node> nodes = new ArrayList<>();
        for (ReportSnapshot.TypeInfo c : s.classes()) {
            nodes.add(new LockGraph.Node(c.name(), c.kind(), (c.flags() & LockFlags.INFRASTRUCTURE) != 0));
        }
        List<LockGraph.Edge> edges = new ArrayList<>();
        for (ReportSnapshot.EdgeInfo e : s.edges()) {
            edges.add(new LockGraph.Edge(e.from(), e.to(), e.count(), e.site(), e.reversal(), e.declared()));
        }
        List<LockGraph.Involvement> findings = new ArrayList<>();
        for (Finding f : s.findings()) {
            findings.add(new LockGraph.Involvement(f.rule() == Rule.LOCK_ORDER_REVERSAL, f.locks()));
        }
        return LockGraph.select(nodes, edges, findings, all);
    }

    private static String hiddenNote(int hidden) {
        return hidden + " class" + (hidden == 1 ? "" : "es")
                + " not drawn: the program's own locks in no finding and classes with no order (graph=all draws them)"
                + left();
    }

    private static String nodeAttributes(LockGraph g, LockGraph.Node n) {
        String kind = n.declaredOnly() ? "declared only" : n.kind();
        StringBuilder a = new StringBuilder("label=").append(label(n.name(), kind));
        if (n.spin()) {
            a.append(", shape=octagon");
        }
        List<String> style = new ArrayList<>(List.of("rounded"));
        if (n.declaredOnly()) {
            style.add("dashed");
        }
        if (n.infrastructure()) {
            style.add("filled");
            a.append(", fillcolor=\"#e4e4e4\"");
        }
        a.append(", style=\"").append(String.join(",", style)).append('"');
        if (g.inFinding(n.name())) {
            a.append(", color=red, penwidth=2");
        }
        return a.toString();
    }

    private static String edgeAttributes(LockGraph g, LockGraph.Edge e) {
        if (e.reversal()) {
            return "color=red, fontcolor=red, penwidth=3, label=" + quote("reversal @ " + e.site());
        }
        String tip = "tooltip=" + quote("first @ " + e.site() + ", seen " + e.count() + " time" + (e.count() == 1 ? "" : "s"));
        if (e.declared()) {
            return "style=dashed, color=grey50, fontcolor=grey40, label=" + quote(e.declaredLabel()) + ", " + tip;
        }
        if (g.onCycle(e)) {
            return "penwidth=2, label=" + quote(e.site()) + ", " + tip;
        }
        return tip;
    }

    /** A two-line node label, name over kind, each escaped as {@link DotEscape} escapes an id, a raw line break between. */
    private static String label(String name, String kind) {
        String n = quote(name);
        String k = quote(kind);
        return n.substring(0, n.length() - 1) + "\n" + k.substring(1);
    }

    private static String left() {
        return "<br align=\"left\"/>";
    }

    /** The lock-order reversal findings, one DOT file each. */
    static List<Finding> reversals(ReportSnapshot s) {
        List<Finding> all = new ArrayList<>();
        for (Finding f : s.findings()) {
            if (f.rule() == Rule.LOCK_ORDER_REVERSAL) {
                all.add(f);
            }
        }
        return all;
    }

    /** The cycle of a reversal: the attempted edge (first to second lock) thick, red and labelled with its site. */
    static void writeCycle(Finding f, long sequence, Writer w) throws IOException {
        List<String> locks = f.locks();
        w.write(snapshotComment(sequence));
        w.write("digraph \"lock-order-reversal\" {\n  node [shape=box];\n");
        Set<String> nodes = new LinkedHashSet<>(locks);
        for (String n : nodes) {
            w.write("  " + quote(n) + ";\n");
        }
        for (int i = 0; i < locks.size(); i++) {
            String from = locks.get(i);
            String to = locks.get((i + 1) % locks.size());
            String reversal = f.sites().isEmpty() ? "" : ", label=" + quote("reversal @ " + f.sites().get(0));
            w.write("  " + quote(from) + " -> " + quote(to) + (i == 0 ? " [color=red, fontcolor=red, penwidth=3" + reversal
                    + "]" : "") + ";\n");
        }
        w.write("}\n");
    }

    private static String snapshotComment(long sequence) {
        return "// lockwitness snapshot " + sequence + "\n";
    }
}
