package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What lock-order.dot draws by default and with graph=all, and how (issue 20). */
class DotGraphTest {
    @TempDir
    Path dir;

    /**
     * A program with two infrastructure spin locks ordered between themselves, an ABBA reversal of
     * its own locks A and B, an isolated lock C and a declared order X -> Y of classes never taken.
     */
    private String write(boolean all, String a, String b) throws IOException, WitnessConfigException {
        WitnessConfig config = WitnessConfig.parse("# orders\norder: X -> Y\n", "conf/lockwitness.conf");
        Sim sim = new Sim(WitnessOptions.builder().reportDir(dir).debounceMillis(0).config(config).graphAll(all)
                .build());
        try {
            Sim.Lock chain = sim.lock("sleepq chain", LockKind.SPIN_MUTEX, LockFlags.INFRASTRUCTURE);
            Sim.Lock sched = sim.lock("sched lock", LockKind.SPIN_MUTEX, LockFlags.INFRASTRUCTURE);
            Sim.Lock la = sim.lock(a, LockKind.SLEEP_MUTEX);
            Sim.Lock lb = sim.lock(b, LockKind.SLEEP_MUTEX);
            sim.lock("C", LockKind.SLEEP_MUTEX);
            WitnessThread t = sim.thread("t");
            sim.takeSpin(t, chain, sim.site("sleepq.c", 1));
            sim.takeSpin(t, sched, sim.site("sleepq.c", 2));
            sim.dropSpin(t, sched, 0);
            sim.dropSpin(t, chain, 0);
            sim.take(t, la, sim.site("kern_a.c", 100));
            sim.take(t, lb, sim.site("kern_a.c", 101));
            sim.drop(t, lb, 0);
            sim.drop(t, la, 0);
            sim.take(t, lb, sim.site("kern_b.c", 200));
            sim.take(t, la, sim.site("kern_b.c", 201));
            sim.w.writeReports();
        } finally {
            sim.w.close();
        }
        return Files.readString(dir.resolve("lock-order.dot"));
    }

    @Test
    void byDefault_infrastructureAndIsolatedClassesAreLeftOut() throws Exception {
        String dot = write(false, "A", "B");
        Graph<String, DefaultEdge> g = ReportFiles.graph(dot);
        assertEquals(Set.of("A", "B", "X", "Y"), g.vertexSet(), dot);
        assertEquals(3, g.edgeSet().size(), dot);
        assertTrue(dot.contains("3 classes not drawn"), dot);
        assertTrue(dot.contains("legend"), dot);
    }

    @Test
    void graphAll_keepsEveryClass_theModelsOwnGrey() throws Exception {
        String dot = write(true, "A", "B");
        Graph<String, DefaultEdge> g = ReportFiles.graph(dot);
        assertEquals(Set.of("A", "B", "C", "X", "Y", "sleepq chain", "sched lock"), g.vertexSet(), dot);
        assertEquals(4, g.edgeSet().size(), dot);
        assertFalse(dot.contains("not drawn"), dot);
        assertTrue(dot.contains("\"sched lock\" [label=\"sched lock\nspin mutex\", shape=octagon, fillcolor=\"#e4e4e4\","
                + " style=\"rounded,filled\""),
                dot);
    }

    @Test
    void reversal_isThickRedAndLabelledWithTheAttemptSite_cycleEdgeWithItsFirstSite() throws Exception {
        String dot = write(false, "A", "B");
        assertTrue(dot.contains("\"A\" -> \"B\" [penwidth=2, label=\"kern_a.c:101\""), dot);
        assertTrue(dot.contains("\"B\" -> \"A\" [color=red, fontcolor=red, penwidth=3, label=\"reversal @ kern_b.c:201\"]"),
                dot);
        assertTrue(dot.contains("\"A\" [label=\"A\nsleep mutex\", style=\"rounded\", color=red, penwidth=2]"), dot);
        assertTrue(dot.contains("\"B\" [label=\"B\nsleep mutex\", style=\"rounded\", color=red"), dot);
    }

    @Test
    void declaredOrder_isGreyDashedWithItsLine_andDeclaredOnlyClassesDashed() throws Exception {
        String dot = write(false, "A", "B");
        assertTrue(dot.contains("\"X\" -> \"Y\" [style=dashed, color=grey50, fontcolor=grey40,"
                + " label=\"declared lockwitness.conf:2\""), dot);
        assertTrue(dot.contains("\"X\" [label=\"X\ndeclared only\", style=\"rounded,dashed\"]"), dot);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void awkwardNames_renderWithGraphviz_whereItIsInstalled() throws Exception {
        Path dot = Path.of("/usr/bin/dot");
        Assumptions.assumeTrue(Files.isExecutable(dot), "Graphviz is not installed: the jgrapht-io parse stands alone");
        write(false, "q\"uote\\back\nline\u0000nul\\", "</b>&\"]]>");
        Process p = new ProcessBuilder(dot.toString(), "-Tsvg", "-o", dir.resolve("graph.svg").toString(),
                dir.resolve("lock-order.dot").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dot.txt").toFile()).start();
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "dot timed out");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("dot.txt")));
        assertTrue(Files.readString(dir.resolve("graph.svg")).contains("reversal @ kern_b.c:201"));
    }

    @Test
    void namesWithQuotesBackslashesLineBreaksAndNul_stayValidDot() throws Exception {
        String a = "q\"uote\\back\nline\u0000nul\\";
        String b = "</b>&\"]]>";
        String dot = write(false, a, b);
        Graph<String, DefaultEdge> g = ReportFiles.graph(dot);
        assertTrue(g.vertexSet().contains("q\"uote\\back\\u000Aline\\u0000nul\\ "), g.vertexSet().toString());
        assertTrue(g.vertexSet().contains(b), g.vertexSet().toString());
        assertEquals(4, g.vertexSet().size(), dot);
        assertFalse(dot.contains("\u0000"), dot);
    }
}
