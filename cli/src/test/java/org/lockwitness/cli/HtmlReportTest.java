package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/** The HTML report: {@code report}, {@code check --html}, {@code merge --html} (issue 20). */
class HtmlReportTest {
    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void report_ofAReversal_showsTheRunTheFindingItsCycleAndALinkedReversalEdge() throws Exception {
        Path run = Fixtures.run(tmp.resolve("run")).nest("A.java", 10, "a", "b").nest("B.java", 20, "b", "a").write();
        Fixtures.Result r = Fixtures.cli("report", run.toString());
        assertEquals(0, r.status(), r.toString());
        String html = Files.readString(run.resolve("index.html"));
        assertTrue(html.contains("<dt>seed</dt><dd><code>7</code></dd>"), html);
        assertTrue(html.contains("<dt>strategy</dt><dd><code>random</code></dd>"), html);
        assertTrue(html.contains("<h3 class=\"rule\">LOCK_ORDER_REVERSAL (1)</h3>"), html);
        assertTrue(html.contains("<article class=\"finding\" id=\"finding-1\" data-rule=\"LOCK_ORDER_REVERSAL\">"), html);
        assertTrue(html.contains("<details class=\"stacks\">"), html);
        assertTrue(html.contains("<div class=\"cycle\"><svg"), html);
        assertTrue(html.contains("<a href=\"#finding-1\" class=\"finding-link\"><g class=\"edge reversal\">"), html);
        assertTrue(html.contains("reversal @ B.java:21"), html);
        assertSelfContained(html);
        assertSvgIsXml(html, 2);
    }

    @Test
    void awkwardNames_areEscapedForHtmlAndSvg_controlsAndLoneSurrogatesShownVisibly() throws Exception {
        String a = "<b>&\"]]>'x";
        String b = "nul\u0000line\nlone\ud800bidi\u202e";
        Path run = Fixtures.run(tmp.resolve("run")).nest("A.java", 10, a, b).nest("B.java", 20, b, a).write();
        Fixtures.Result r = Fixtures.cli("report", run.toString(), "--out", tmp.resolve("html").toString());
        assertEquals(0, r.status(), r.toString());
        String html = Files.readString(tmp.resolve("html").resolve("index.html"));
        assertFalse(html.contains("<b>"), "a raw name");
        assertFalse(html.contains("]]>"), "a raw ]]>");
        assertTrue(html.contains("&lt;b&gt;&amp;&quot;]]&gt;&#39;x"), html);
        // witness.json carries a lone surrogate as U+FFFD, a character HTML shows as it is
        assertTrue(html.contains("nul\\u0000line\\u000Alone\ufffdbidi\\u202E"), html);
        assertFalse(html.chars().anyMatch(c -> c == 0 || c == 0x202e || Character.isSurrogate((char) c)), "a raw control");
        assertSvgIsXml(html, 2);
    }

    @Test
    void aGraphOfMoreThanAFewHundredClasses_drawsOnlyTheFindingsAndTheirNeighbours_andSaysSo() {
        List<Model.LockClass> classes = new ArrayList<>();
        List<Model.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            classes.add(new Model.LockClass("c" + i, "sleep mutex", List.of(), 1));
            if (i > 0) {
                edges.add(new Model.Edge(classes.get(i - 1), classes.get(i), 1, "F.java:" + i, List.of(), false, false,
                        List.of("r")));
            }
        }
        Model.Finding f = new Model.Finding("SLEEP_WITH_LOCK", "k", "WARN", "sleeping with c200 held", List.of("c200"),
                List.of("F.java:1"), List.of(), 1, List.of("t"), List.of(0), List.of("r"), false, null);
        String html = HtmlReport.render(new Model.Report("r", classes, edges, List.of(f)), List.of(), false);
        assertTrue(html.contains("the graph has 400 classes, more than 300, so only the classes of findings and their"
                + " neighbours are drawn"), html);
        assertEquals(3, count(html, "<g class=\"node "), html);
        assertTrue(html.contains("<title>c199 (sleep mutex)</title>") && html.contains("<title>c201 (sleep mutex)</title>"));
    }

    @Test
    void checkAndMerge_writeTheReportWithHtml() throws Exception {
        Path run = Fixtures.run(tmp.resolve("run")).nest("A.java", 10, "a", "b").write();
        Fixtures.Result check = Fixtures.cli("check", run.toString(), "--html", tmp.resolve("c").toString());
        assertEquals(0, check.status(), check.toString());
        assertTrue(check.out().contains("lockwitness: HTML report "), check.toString());
        assertTrue(Files.readString(tmp.resolve("c").resolve("index.html")).contains("Findings (<span id=\"finding-count\">0"));
        Fixtures.Result merge = Fixtures.cli("merge", run.toString(), "--out", tmp.resolve("m").toString(), "--html",
                tmp.resolve("m").toString(), "--graph", "all");
        assertEquals(0, merge.status(), merge.toString());
        assertTrue(Files.exists(tmp.resolve("m").resolve("index.html")));
        assertEquals(2, Fixtures.cli("report", run.toString(), "--graph", "some").status());
    }

    @Test
    void reportEach_writesEveryDirectorysOwnReport_andRefusesOut() throws Exception {
        Path ab = Fixtures.run(tmp.resolve("ab")).nest("A.java", 10, "a", "b").nest("B.java", 20, "b", "a").write();
        Path cd = Fixtures.run(tmp.resolve("cd")).nest("C.java", 30, "c", "d").write();
        Fixtures.Result r = Fixtures.cli("report", "--each", ab.toString(), cd.toString());
        assertEquals(0, r.status(), r.toString());
        String first = Files.readString(ab.resolve("index.html"));
        String second = Files.readString(cd.resolve("index.html"));
        assertTrue(first.contains("<h3 class=\"rule\">LOCK_ORDER_REVERSAL (1)</h3>"), first);
        assertTrue(second.contains("Findings (<span id=\"finding-count\">0"), second);
        assertFalse(second.contains("LOCK_ORDER_REVERSAL (1)"), "the second report is of its own run alone: " + second);
        assertEquals(2, Fixtures.cli("report", "--each", ab.toString(), "--out", tmp.resolve("o").toString()).status());
    }

    private static void assertSelfContained(String html) {
        assertFalse(Pattern.compile("(src|href)=\"(?!#)").matcher(html).find(), "a reference out of the page");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("://"), "a URL");
        assertTrue(html.contains("Content-Security-Policy"), html);
    }

    private static void assertSvgIsXml(String html, int expected) throws Exception {
        Matcher m = SVG.matcher(html);
        int n = 0;
        while (m.find()) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(m.group())));
            n++;
        }
        assertEquals(expected, n);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
