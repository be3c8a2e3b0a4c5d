package org.lockwitness.witness.report;

import static org.lockwitness.witness.report.DotEscape.quote;

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
 * bring ANTLR and commons-text into the agent's shaded jar. Ids are quoted and escaped by
 * {@link DotEscape}. Each file starts with the comment {@code // lockwitness snapshot N}, as every
 * file of one write does. Stateless; called by {@link ReportWriter} only.
 */
final class DotReport {
    private DotReport() {
    }

    static void writeGraph(ReportSnapshot s, long sequence, Writer w) throws IOException {
        w.write(snapshotComment(sequence));
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
            w.write("  " + quote(from) + " -> " + quote(to) + (i == 0 ? " [style=dashed, color=red]" : "") + ";\n");
        }
        w.write("}\n");
    }

    private static String snapshotComment(long sequence) {
        return "// lockwitness snapshot " + sequence + "\n";
    }
}
