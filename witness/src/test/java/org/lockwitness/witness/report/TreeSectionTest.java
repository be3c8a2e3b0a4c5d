package org.lockwitness.witness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Issue 22: witness.txt ends with DDB's {@code show witness} tree and {@code show badstacks}. */
class TreeSectionTest {

    private static ReportSnapshot.TypeInfo type(String name, String kind, int refs) {
        return new ReportSnapshot.TypeInfo(name, kind, 0, refs);
    }

    private static ReportSnapshot.EdgeInfo order(String from, String to, String site, List<String> stack) {
        return new ReportSnapshot.EdgeInfo(from, to, 1, site, stack, false, false);
    }

    private static String write(List<ReportSnapshot.TypeInfo> classes, List<ReportSnapshot.EdgeInfo> edges)
            throws IOException {
        StringWriter w = new StringWriter();
        TreeSection.write(classes, edges, w);
        return w.toString();
    }

    @Test
    void sleepAndSpinTrees_eachRootWithItsDescendantsIndented_thenEachReversalWithBothStacks() throws IOException {
        List<ReportSnapshot.TypeInfo> classes = List.of(type("A", "sx", 1), type("B", "sleep mutex", 2),
                type("C", "sleep mutex", 1), type("s1", "spin mutex", 1), type("s2", "spin mutex", 1));
        List<ReportSnapshot.EdgeInfo> edges = List.of(order("A", "B", "F.java:2", List.of("x.f(F.java:2)")),
                order("A", "C", "F.java:3", null), order("C", "B", "F.java:4", null),
                new ReportSnapshot.EdgeInfo("s0", "s1", 1, null, null, false, true), order("s1", "s2", "S.java:1", null),
                new ReportSnapshot.EdgeInfo("B", "A", 1, "F.java:9", List.of("x.g(F.java:9)", "x.h(F.java:10)"), true,
                        false));
        assertEquals("""

                db> show witness
                Sleep locks:
                A (type: sx, depth: 0, active refs: 1)
                 B (type: sleep mutex, depth: 2, active refs: 2) -- order first seen @ F.java:2
                 C (type: sleep mutex, depth: 1, active refs: 1) -- order first seen @ F.java:3
                  B (type: sleep mutex, depth: 2, active refs: 2) -- (already displayed)

                Spin locks:
                s1 (type: spin mutex, depth: 0, active refs: 1)
                 s2 (type: spin mutex, depth: 1, active refs: 1) -- order first seen @ S.java:1

                db> show badstacks
                Number of known direct relationships is 5

                Lock order reversal between "A"(sx) and "B"(sleep mutex)!
                Lock order "A"(sx) -> "B"(sleep mutex) first seen at:
                #0 x.f(F.java:2)

                Lock order "B"(sleep mutex) -> "A"(sx) first seen at:
                #0 x.g(F.java:9)
                #1 x.h(F.java:10)

                """, write(classes, edges));
    }

    @Test
    void aDeclaredOrderIsInTheTree_andAReversalWithoutAStackNamesItsSite() throws IOException {
        String text = write(List.of(type("p", "sleep mutex", 1), type("q", "sleep mutex", 1)),
                List.of(new ReportSnapshot.EdgeInfo("p", "q", 0, null, null, false, true),
                        new ReportSnapshot.EdgeInfo("q", "p", 1, "Q.java:7", null, true, false)));
        assertTrue(text.contains("\np (type: sleep mutex, depth: 0, active refs: 1)\n q (type: sleep mutex, depth: 1,"
                + " active refs: 1) -- order first seen @ (declared)\n"), text);
        assertTrue(text.contains("Number of known direct relationships is 1\n"), text);
        assertTrue(text.endsWith("Lock order reversal between \"p\"(sleep mutex) and \"q\"(sleep mutex)!\n"
                + "Lock order \"q\"(sleep mutex) -> \"p\"(sleep mutex) first seen at:\n@ Q.java:7\n\n"), text);
    }

    @Test
    void namesAreEscaped_andNoLineStartsLikeAFindingHeader() throws IOException {
        String evil = "#x\n# LOCK_ORDER_REVERSAL (warn) count=1 threads=t cpus=0\u202e";
        String text = write(List.of(type(evil, "sleep mutex", 1), type("ok", "sleep mutex", 1)),
                List.of(order(evil, "ok", "E.java:1\n# DEADLOCK", null)));
        assertTrue(text.contains("\n\\u0023x\\u000A# LOCK_ORDER_REVERSAL (warn) count=1 threads=t cpus=0\\u202E (type:"),
                text);
        assertTrue(text.contains(" -- order first seen @ E.java:1\\u000A# DEADLOCK\n"), text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("#")), text);
    }

    @Test
    void aLongChainIsWrittenWithoutRecursion_andEachTreeIsCutOffAtItsLimit() throws IOException {
        List<ReportSnapshot.TypeInfo> classes = new ArrayList<>();
        List<ReportSnapshot.EdgeInfo> edges = new ArrayList<>();
        int n = 3 * TreeSection.TREE_LINES;
        for (int i = 0; i < n; i++) {
            classes.add(type("l" + i, "sleep mutex", 1));
            if (i > 0) {
                edges.add(order("l" + (i - 1), "l" + i, "C.java:" + i, null));
            }
        }
        String text = write(classes, edges);
        assertTrue(text.contains("\n" + " ".repeat(TreeSection.TREE_LINES - 1) + "l" + (TreeSection.TREE_LINES - 1)
                + " (type: sleep mutex, depth: " + (TreeSection.TREE_LINES - 1) + ","), "the last line shown");
        assertTrue(text.contains("\n... cut off after " + TreeSection.TREE_LINES + " lines\n\nSpin locks:\n"));
        assertTrue(text.contains("Number of known direct relationships is " + (n - 1) + "\n"));
    }
}
