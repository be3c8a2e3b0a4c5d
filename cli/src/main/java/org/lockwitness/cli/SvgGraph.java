package org.lockwitness.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.lockwitness.witness.report.LockGraph;

/**
 * Draws a {@link LockGraph} as inline SVG, laid out by the Eclipse Layout Kernel's layered
 * algorithm (Sugiyama style: held locks above the locks taken after them). The conventions are
 * {@code lock-order.dot}'s: name over kind, spin mutexes as octagons, the program's own locks grey,
 * declared-only classes dashed, classes of a finding with a red border, a reversal a thick red
 * edge labelled where it was attempted and linked to its finding ({@code #finding-N}), the orders
 * of a reversal's cycle labelled with their first site, declared orders grey and dashed. Text
 * widths are estimated from the character count (no font metrics out of process). Stateless.
 */
final class SvgGraph {
    private static final double CHAR = 7.0;
    private static final double NODE_HEIGHT = 38;
    private static final int MAX_NAME = 48;

    private SvgGraph() {
    }

    /** The SVG element of {@code g}; a reversal links to the element {@code anchorPrefix + N} of its finding N (from 1). */
    static String svg(LockGraph g, String anchorPrefix) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_LABELS_INLINE, false);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 30.0);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(20));
        Map<String, ElkNode> nodes = new HashMap<>();
        Map<ElkNode, LockGraph.Node> info = new LinkedHashMap<>();
        for (LockGraph.Node n : g.nodes()) {
            ElkNode e = ElkGraphUtil.createNode(root);
            double w = Math.max(shown(n.name()).length(), kindText(n).length()) * CHAR + 24;
            e.setDimensions(w, NODE_HEIGHT);
            nodes.putIfAbsent(n.name(), e);
            info.put(e, n);
        }
        Map<ElkEdge, LockGraph.Edge> edgeInfo = new LinkedHashMap<>();
        for (LockGraph.Edge e : g.edges()) {
            ElkNode from = nodes.get(e.from());
            ElkNode to = nodes.get(e.to());
            if (from == null || to == null || from == to) {
                continue;
            }
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
            String label = label(g, e);
            if (label != null) {
                ElkLabel l = ElkGraphUtil.createLabel(label, edge);
                l.setDimensions(label.length() * 6.2 + 6, 14);
                l.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            }
            edgeInfo.put(edge, e);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lock-order\" width=\"%.0f\" height=\"%.0f\""
                        + " viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"lock-order graph\">\n",
                root.getWidth(), root.getHeight(), root.getWidth(), root.getHeight()));
        b.append(DEFS);
        for (Map.Entry<ElkEdge, LockGraph.Edge> en : edgeInfo.entrySet()) {
            edge(b, g, en.getKey(), en.getValue(), anchorPrefix);
        }
        for (Map.Entry<ElkNode, LockGraph.Node> en : info.entrySet()) {
            node(b, g, en.getKey(), en.getValue());
        }
        return b.append("</svg>\n").toString();
    }

    static final String DEFS = "<defs>"
            + "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
            + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#222\"/></marker>"
            + "<marker id=\"arrow-red\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"5\" markerHeight=\"5\""
            + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#d00\"/></marker>"
            + "<marker id=\"arrow-grey\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
            + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#888\"/></marker>"
            + "</defs>\n";

    /** The label an edge carries, or null: the reversal's attempt site, a declared order's line, a cycle order's site. */
    static String label(LockGraph g, LockGraph.Edge e) {
        if (e.reversal()) {
            return "reversal @ " + e.site();
        }
        if (e.declared()) {
            return e.declaredLabel();
        }
        return g.onCycle(e) ? e.site() : null;
    }

    private static void edge(StringBuilder b, LockGraph g, ElkEdge edge, LockGraph.Edge e, String anchorPrefix) {
        if (edge.getSections().isEmpty()) {
            return;
        }
        ElkEdgeSection s = edge.getSections().get(0);
        StringBuilder d = new StringBuilder(String.format(Locale.ROOT, "M%.1f,%.1f", s.getStartX(), s.getStartY()));
        for (var p : s.getBendPoints()) {
            d.append(String.format(Locale.ROOT, " L%.1f,%.1f", p.getX(), p.getY()));
        }
        d.append(String.format(Locale.ROOT, " L%.1f,%.1f", s.getEndX(), s.getEndY()));
        String cls = e.reversal() ? "edge reversal" : e.declared() ? "edge declared" : g.onCycle(e) ? "edge cycle" : "edge";
        String marker = e.reversal() ? "arrow-red" : e.declared() ? "arrow-grey" : "arrow";
        int finding = g.findingOf(e);
        String open = finding >= 0 ? "<a href=\"#" + anchorPrefix + (finding + 1) + "\" class=\"finding-link\">" : "";
        b.append(open).append("<g class=\"").append(cls).append("\"><title>")
                .append(HtmlText.escape(e.from() + " -> " + e.to() + ": first @ " + e.site() + ", seen " + e.count()
                        + (e.count() == 1 ? " time" : " times")))
                .append("</title><path d=\"").append(d).append("\" marker-end=\"url(#").append(marker).append(")\"/>");
        for (ElkLabel l : edge.getLabels()) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">", l.getX() + 3, l.getY() + 11))
                    .append(HtmlText.escape(l.getText())).append("</text>");
        }
        b.append("</g>").append(finding >= 0 ? "</a>" : "").append('\n');
    }

    private static void node(StringBuilder b, LockGraph g, ElkNode n, LockGraph.Node info) {
        double x = n.getX();
        double y = n.getY();
        double w = n.getWidth();
        double h = n.getHeight();
        StringBuilder cls = new StringBuilder("node ").append(info.spin() ? "spin" : "sleep");
        if (info.infrastructure()) {
            cls.append(" infrastructure");
        }
        if (info.declaredOnly()) {
            cls.append(" declared-only");
        }
        if (g.inFinding(info.name())) {
            cls.append(" in-finding");
        }
        b.append("<g class=\"").append(cls).append("\"><title>")
                .append(HtmlText.escape(info.name() + " (" + kindText(info) + ")")).append("</title>");
        if (info.spin()) {
            double c = Math.min(10, h / 3);
            b.append(String.format(Locale.ROOT,
                    "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>",
                    x + c, y, x + w - c, y, x + w, y + c, x + w, y + h - c, x + w - c, y + h, x + c, y + h, x, y + h - c,
                    x, y + c));
        } else {
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\"/>",
                    x, y, w, h));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"name\">", x + w / 2, y + 16))
                .append(HtmlText.escape(shown(info.name()))).append("</text>");
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"kind\">", x + w / 2, y + 31))
                .append(HtmlText.escape(kindText(info))).append("</text></g>\n");
    }

    /** The name as drawn: cut with an ellipsis past {@value #MAX_NAME} characters (the title has it whole). */
    static String shown(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 1) + "\u2026";
    }

    private static String kindText(LockGraph.Node n) {
        return n.declaredOnly() ? "declared only" : n.kind();
    }
}
