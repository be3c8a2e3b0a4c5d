package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.lockwitness.witness.WitnessConfig;
import org.lockwitness.witness.WitnessConfigException;

/** The union of runs and the reversals only the union shows. */
class MergerTest {
    private static final String XY = "LOCK_ORDER_REVERSAL|lock=x (sleep mutex)|lock=y (sleep mutex)";

    @TempDir
    Path tmp;

    private Model.Report read(String name, String namespace) {
        return ReportReader.read(tmp.resolve(name), name, namespace);
    }

    private static Model.Report merge(Model.Report... runs) {
        return Merger.merge(List.of(runs), WitnessConfig.EMPTY);
    }

    private static Model.Edge edge(Model.Report r, String from, String to) {
        return r.edges().stream().filter(e -> e.from().name().equals(from) && e.to().name().equals(to)).findFirst()
                .orElseThrow(() -> new AssertionError(from + " -> " + to + " not in " + r.edges()));
    }

    @Test
    void edges_sumTheirCounts_keepTheFirstSiteAndStack_andNameTheirRuns() {
        Fixtures.run(tmp.resolve("one")).nest("A.java", 10, "x", "y").nest("A.java", 10, "x", "y").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 50, "x", "y").write();
        Model.Report merged = merge(read("one", null), read("two", null));
        Model.Edge xy = edge(merged, "x", "y");
        assertEquals(3, xy.count());
        assertEquals("A.java:11", xy.site());
        assertTrue(xy.stack().get(0).startsWith("org.lockwitness.cli.Fixtures.nest(Fixtures.java:"), xy::toString);
        assertEquals(List.of("one", "two"), xy.runs());
        assertEquals(List.of(), merged.findings());
    }

    @Test
    void theMergedTextQuotesItsHeaderValues_asWitnessTxtDoes() {
        Fixtures.run(tmp.resolve("one")).nest("A.java", 10, "x", "y").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 50, "y", "x").write();
        String text = MergedReport.text(merge(read("one", null), read("two", null)), List.of("one", "two"));
        assertTrue(text.lines().anyMatch(l -> l.matches("# LOCK_ORDER_REVERSAL \\(warn\\) count=[0-9]+ threads=(\"[^\"]*\",?)*"
                + " cpus=(\"[0-9]+\",?)* runs=\"one\",\"two\"")), text);
    }

    @Test
    void aReversalNoRunSaw_isReportedAcrossRuns_withEachEdgesRunSiteAndStack() {
        Fixtures.run(tmp.resolve("one")).nest("A.java", 10, "x", "y").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 50, "y", "x").write();
        List<Model.Finding> findings = merge(read("one", null), read("two", null)).findings();
        assertEquals(1, findings.size(), findings::toString);
        Model.Finding f = findings.get(0);
        assertEquals("LOCK_ORDER_REVERSAL", f.rule());
        assertEquals(XY, f.key(), "the same key as a reversal seen in one JVM");
        assertTrue(f.crossRun());
        assertEquals("lock order reversal across runs: x -> y (one), y -> x (two)", f.headline());
        assertTrue(f.message().contains("\n x -> y in run one @ A.java:11"), f.message());
        assertTrue(f.message().contains("\n y -> x in run two @ B.java:51"), f.message());
        assertEquals(List.of("A.java:11", "B.java:51"), f.sites());
        assertEquals(List.of("one", "two"), f.runs());
        assertEquals("lock order x -> y seen in run one at:", f.stacks().get(0).title());
        assertEquals("lock order y -> x seen in run two at:", f.stacks().get(1).title());
        assertTrue(f.stacks().get(1).frames().get(0).startsWith("org.lockwitness.cli.Fixtures.nest("));
    }

    @Test
    void aReversalOneRunSaw_staysThatRunsFinding_mergedByKey() {
        Fixtures.run(tmp.resolve("one")).nest("A.java", 10, "x", "y").nest("A.java", 20, "y", "x").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 10, "x", "y").nest("B.java", 20, "y", "x").write();
        List<Model.Finding> findings = merge(read("one", null), read("two", null)).findings();
        assertEquals(1, findings.size(), findings::toString);
        assertEquals(XY, findings.get(0).key());
        assertEquals(false, findings.get(0).crossRun());
        assertEquals(2, findings.get(0).count());
        assertEquals(List.of("one", "two"), findings.get(0).runs());
        assertEquals(List.of("A.java:21", "A.java:20", "A.java:11", "B.java:21", "B.java:20", "B.java:11"),
                findings.get(0).sites(), "each run's sites, joined");
    }

    @Test
    void aLongerCycleAcrossThreeRuns_isOneFinding() {
        Fixtures.run(tmp.resolve("one")).nest("A.java", 10, "a", "b").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 10, "b", "c").write();
        Fixtures.run(tmp.resolve("three")).nest("C.java", 10, "c", "a").write();
        List<Model.Finding> findings = merge(read("one", null), read("two", null), read("three", null)).findings();
        assertEquals(1, findings.size(), findings::toString);
        assertEquals("LOCK_ORDER_REVERSAL|lock=a (sleep mutex)|lock=b (sleep mutex)|lock=c (sleep mutex)",
                findings.get(0).key());
        assertEquals(3, findings.get(0).stacks().size());
    }

    @Test
    void namespaces_keepUnrelatedProgramsApart_andEnterTheKey() {
        Fixtures.run(tmp.resolve("one")).nest("A.java", 10, "x", "y").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 50, "y", "x").write();
        Model.Report merged = merge(read("one", "web"), read("two", "db"));
        assertEquals(List.of(), merged.findings());
        assertEquals(List.of("web::x", "web::y", "db::y", "db::x"),
                merged.classes().stream().map(Model.LockClass::name).toList());
        Fixtures.run(tmp.resolve("three")).nest("C.java", 50, "y", "x").write();
        List<Model.Finding> same = merge(read("one", "web"), read("three", "web")).findings();
        assertEquals(List.of("LOCK_ORDER_REVERSAL|lock=web::x (sleep mutex)|lock=web::y (sleep mutex)"),
                same.stream().map(Model.Finding::key).toList());
    }

    @Test
    void aDeclaredOrderNeverSeen_isNoEvidence_butAReversalEdgeIsTheOrderSeen() {
        // run one declares x -> y and never takes x then y; run two takes y then x: no run saw x -> y
        Fixtures.run(tmp.resolve("one"), "order: x -> y\n").nest("A.java", 10, "x").nest("A.java", 20, "y").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 50, "y", "x").write();
        Model.Report merged = merge(read("one", null), read("two", null));
        assertEquals(List.of(), merged.findings());
        Model.Edge declared = edge(merged, "x", "y");
        assertTrue(declared.declared() && declared.runs().isEmpty(), declared::toString);
        // run three, with the declaration, saw y -> x as a reversal: the order it saw, reported there
        Fixtures.run(tmp.resolve("three"), "order: x -> y\n").nest("C.java", 70, "y", "x").write();
        Model.Report three = read("three", null);
        assertTrue(edge(three, "y", "x").reversal());
        assertEquals(1, three.findings().size());
        // with run four, which saw x -> y, the union is one reversal: three's own, not a cross-run one
        Fixtures.run(tmp.resolve("four")).nest("D.java", 80, "x", "y").write();
        List<Model.Finding> findings = merge(three, read("four", null)).findings();
        assertEquals(1, findings.size(), findings::toString);
        assertEquals(false, findings.get(0).crossRun());
    }

    @Test
    void aBlessedPair_isNotReportedAcrossRuns() throws WitnessConfigException {
        Fixtures.run(tmp.resolve("one")).nest("A.java", 10, "x", "y").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 50, "y", "x").write();
        assertEquals(List.of(), Merger.merge(List.of(read("one", null), read("two", null)),
                WitnessConfig.parse("blessed: y, x\n", "c")).findings());
    }

    @Test
    void aFindingsTest_isCarriedIntoTheMergedReport_theFirstRunThatNamedOneWins() throws IOException {
        Fixtures.run(tmp.resolve("one")).nest("A.java", 10, "x", "y").nest("A.java", 20, "y", "x").write();
        Fixtures.run(tmp.resolve("two")).nest("B.java", 10, "x", "y").nest("B.java", 20, "y", "x").write();
        Fixtures.run(tmp.resolve("three")).nest("C.java", 10, "x", "y").nest("C.java", 20, "y", "x").write();
        nameTest(tmp.resolve("two"), "com.example.AbbaTest.abba()");
        nameTest(tmp.resolve("three"), "com.example.AbbaTest.other()");
        Model.Report merged = merge(read("one", null), read("two", null), read("three", null));
        assertEquals(1, merged.findings().size(), merged.findings()::toString);
        assertEquals("com.example.AbbaTest.abba()", merged.findings().get(0).test());
        JsonObject json = MergedReport.json(merged, List.of("one", "two", "three"));
        assertEquals("com.example.AbbaTest.abba()",
                json.getAsJsonArray("findings").get(0).getAsJsonObject().get("test").getAsString());
        assertTrue(MergedReport.text(merged, List.of("one", "two", "three")).lines()
                .anyMatch(l -> l.equals("# first seen during test com.example.AbbaTest.abba()")));
        assertEquals(null, merge(read("one", null)).findings().get(0).test());
        assertTrue(!MergedReport.json(merge(read("one", null)), List.of("one")).getAsJsonArray("findings").get(0)
                .getAsJsonObject().has("test"), "no test member when no run named one");
        Path out = tmp.resolve("merged");
        Files.createDirectories(out);
        MergedReport.write(merged, List.of("one", "two", "three"), out);
        assertEquals("com.example.AbbaTest.abba()", read("merged", null).findings().get(0).test(),
                "a merged report read again keeps it");
    }

    /** Adds {@code test} to every finding of {@code dir/witness.json}, as the JUnit 5 extension's runs have it. */
    private static void nameTest(Path dir, String test) throws IOException {
        Path file = dir.resolve(ReportReader.FILE);
        JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        for (JsonElement f : root.getAsJsonArray("findings")) {
            f.getAsJsonObject().addProperty("test", test);
        }
        Files.writeString(file, root.toString(), StandardCharsets.UTF_8);
    }
}
