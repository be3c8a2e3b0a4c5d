package org.lockwitness.witness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lockwitness.witness.Finding;
import org.lockwitness.witness.Rule;

/**
 * {@code lock-order.dot} and the per-reversal cycle graphs. Hand-written rather than jgrapht-io's
 * {@code DOTExporter}: that exporter validates ids but does not escape them, and jgrapht-io would
 * bring ANTLR and commons-text into the agent's shaded jar. Ids are always double-quoted with
 * {@code "} and {@code \} escaped; line breaks stay raw, which DOT allows inside quoted strings
 * (the escape {@code \n} is a Graphviz label escape that not every DOT parser accepts in an id). A
 * trailing backslash gets a space after it, because Graphviz's lexer reads {@code \\"} as a
 * backslash and an escaped quote. Stateless; called by {@link ReportWriter} only.
 */
final class DotReport {
    private DotReport() {
    }

    static void writeGraph(ReportSnapshot s, Writer w) throws IOException {
        w.write("digraph \"lock-order\" {\n  node [shape=box];\n");
        for (ReportSnapshot.TypeInfo c : s.classes()) {
            w.write("  " + quote(c.name()) + " [tooltip=" + quote(c.kind()) + "];\n");
        }
        for (ReportSnapshot.EdgeInfo e : s.edges()) {
            w.write("  " + quote(e.from()) + " -> " + quote(e.to()) + " [label=" + quote(String.valueOf(e.count()))
                    + (e.reversal() ? ", style=dashed, color=red" : "") + (e.declared() ? ", style=bold" : "") + "];\n");
        }
        w.write("}\n");
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

    /** The cycle of a reversal: the attempted edge (first to second lock) dashed and red. */
    static void writeCycle(Finding f, Writer w) throws IOException {
        List<String> locks = f.locks();
        w.write("digraph \"lock-order-reversal\" {\n  node [shape=box];\n");
        Set<String> nodes = new LinkedHashSet<>(locks);
        for (String n : nodes) {
            w.write("  " + quote(n) + ";\n");
        }
        for (int i = 0; i < locks.size(); i++) {
            String from = locks.get(i);
            String to = locks.get((i + 1) % locks.size());
            w.write("  " + quote(from) + " -> " + quote(to) + (i == 0 ? " [style=dashed, color=red]" : "") + ";\n");
        }
        w.write("}\n");
    }

    static String quote(String id) {
        StringBuilder b = new StringBuilder(id.length() + 2).append('"');
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                default:
                    b.append(c);
            }
        }
        if (id.endsWith("\\")) {
            b.append(' ');
        }
        return b.append('"').toString();
    }
}
