package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SARIF 2.1.0, every log validated against the OASIS schema. */
class SarifWriterTest {
    private static final String XY = "LOCK_ORDER_REVERSAL|lock=x (sleep mutex)|lock=y (sleep mutex)";
    private static final String FIXTURES = "src/test/java/org/lockwitness/cli/Fixtures.java";

    @TempDir
    Path tmp;

    private static JsonObject valid(String sarif) {
        assertEquals(List.of(), Schemas.errors(Schemas.SARIF, sarif), sarif);
        return JsonParser.parseString(sarif).getAsJsonObject();
    }

    private static JsonObject result(JsonObject log, String ruleId) {
        for (JsonElement r : log.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results")) {
            if (r.getAsJsonObject().get("ruleId").getAsString().equals(ruleId)) {
                return r.getAsJsonObject();
            }
        }
        throw new AssertionError(ruleId + " not in " + log);
    }

    private static String uri(JsonObject location) {
        return location.getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation").get("uri")
                .getAsString();
    }

    @Test
    void check_writesResultsThatResolveInTheRepository_withBaselineSuppressionAndThreadFlows() throws IOException {
        Fixtures.run(tmp.resolve("runs/one")).nest("Fixtures.java", 10, "x", "y")
                .missing("Giant", "FwohciDriver.java", 18, "FwohciDriver.intr").write();
        Fixtures.run(tmp.resolve("runs/two")).nest("Fixtures.java", 50, "y", "x").write();
        Path baseline = tmp.resolve("baseline.txt");
        Files.writeString(baseline, XY + "\n");
        Path conf = tmp.resolve("lockwitness.conf");
        Files.writeString(conf,
                "suppress: REQUIRED_LOCK_NOT_HELD|lock=Giant (?)|method=FwohciDriver.intr  # legacy driver\n");
        Path sarif = tmp.resolve("out/lockwitness.sarif");
        Fixtures.Result r = Fixtures.cli("check", tmp.resolve("runs").toString(), "--fail", "LOCK_ORDER_REVERSAL",
                "--baseline", baseline.toString(), "--config", conf.toString(), "--sarif", sarif.toString(),
                "--source-root", "src/main/java,src/test/java");
        assertEquals(0, r.status(), r::toString);
        JsonObject log = valid(Files.readString(sarif));
        JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonObject driver = run.getAsJsonObject("tool").getAsJsonObject("driver");
        assertEquals("lockwitness", driver.get("name").getAsString());
        assertEquals(Version.TOOL, driver.get("version").getAsString());
        List<String> ids = new ArrayList<>();
        driver.getAsJsonArray("rules").forEach(e -> ids.add(e.getAsJsonObject().get("id").getAsString()));
        assertEquals(RuleTable.RULES.stream().map(RuleTable.Entry::id).toList(), ids);
        for (JsonElement rule : driver.getAsJsonArray("rules")) {
            String id = rule.getAsJsonObject().get("id").getAsString();
            assertEquals(id.equals("LOCK_ORDER_REVERSAL") ? "error" : "warning", rule.getAsJsonObject()
                    .getAsJsonObject("defaultConfiguration").get("level").getAsString(), id);
        }
        assertTrue(run.getAsJsonObject("originalUriBaseIds").getAsJsonObject("SRCROOT").get("uri").getAsString()
                .startsWith("file:"));
        assertFalse(run.getAsJsonObject("properties").get("truncated").getAsBoolean());

        JsonObject reversal = result(log, "LOCK_ORDER_REVERSAL");
        assertEquals("error", reversal.get("level").getAsString());
        assertEquals("unchanged", reversal.get("baselineState").getAsString());
        assertEquals(SarifWriter.sha256(XY), reversal.getAsJsonObject("partialFingerprints").get("lockwitness/v1")
                .getAsString());
        JsonObject first = reversal.getAsJsonArray("locations").get(0).getAsJsonObject();
        assertEquals(FIXTURES, uri(first), "the stack frame's package places Fixtures.java:11");
        assertEquals(11, first.getAsJsonObject("physicalLocation").getAsJsonObject("region").get("startLine")
                .getAsInt());
        assertEquals(1, reversal.getAsJsonArray("relatedLocations").size());
        JsonArray flows = reversal.getAsJsonArray("codeFlows").get(0).getAsJsonObject().getAsJsonArray("threadFlows");
        assertEquals(2, flows.size(), "one thread flow per order of the cycle");
        JsonObject frame = flows.get(1).getAsJsonObject().getAsJsonArray("locations").get(0).getAsJsonObject()
                .getAsJsonObject("location");
        assertEquals(FIXTURES, uri(frame));
        assertEquals("org.lockwitness.cli.Fixtures.nest", frame.getAsJsonArray("logicalLocations").get(0)
                .getAsJsonObject().get("fullyQualifiedName").getAsString());

        JsonObject giant = result(log, "REQUIRED_LOCK_NOT_HELD");
        assertEquals("warning", giant.get("level").getAsString());
        assertEquals("new", giant.get("baselineState").getAsString());
        assertEquals("legacy driver", giant.getAsJsonArray("suppressions").get(0).getAsJsonObject()
                .get("justification").getAsString());
        JsonObject logical = giant.getAsJsonArray("locations").get(0).getAsJsonObject();
        assertFalse(logical.has("physicalLocation"), "no FwohciDriver.java under the roots");
        assertEquals("FwohciDriver.java:18", logical.getAsJsonArray("logicalLocations").get(0).getAsJsonObject()
                .get("fullyQualifiedName").getAsString());
    }

    private static Model.Finding finding(String rule, String key, int sites, int frames) {
        List<String> siteList = new ArrayList<>();
        for (int i = 1; i <= sites; i++) {
            siteList.add("Nowhere.java:" + i);
        }
        List<String> stack = new ArrayList<>();
        for (int i = 1; i <= frames; i++) {
            stack.add("org.ex.Nowhere.m" + i + "(Nowhere.java:" + i + ")");
        }
        return new Model.Finding(rule, key, "WARN", rule + " message", List.of("a"), siteList,
                List.of(new Model.Trace("lock order a -> b established at:", stack),
                        new Model.Trace("lock order b -> a attempted at:", stack)), 1, List.of(), List.of(),
                List.of("run"), false, null);
    }

    @Test
    void pastTheLimits_resultsLocationsAndThreadFlowLocationsAreCut_failingFirst_andTheRunSaysSo() {
        List<Triage.Verdict> verdicts = Triage.of(List.of(finding("DEADLOCK", "DEADLOCK|lock=a (?)", 1, 0),
                finding("LOCK_ORDER_REVERSAL", "LOCK_ORDER_REVERSAL|lock=a (?)", 10, 3),
                finding("RECURSION", "RECURSION|lock=a (?)", 1, 0)), Set.of("LOCK_ORDER_REVERSAL"), Set.of(), Map.of());
        SarifWriter w = new SarifWriter(new SourceMap(List.of(), tmp), new SarifLimits(2, 3, 4), false,
                Set.of("LOCK_ORDER_REVERSAL"));
        JsonObject log = valid(w.log(verdicts).toString());
        JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonArray results = run.getAsJsonArray("results");
        assertEquals(2, results.size());
        assertEquals("LOCK_ORDER_REVERSAL", results.get(0).getAsJsonObject().get("ruleId").getAsString());
        JsonObject lor = results.get(0).getAsJsonObject();
        assertEquals(3, lor.getAsJsonArray("relatedLocations").size());
        JsonArray flows = lor.getAsJsonArray("codeFlows").get(0).getAsJsonObject().getAsJsonArray("threadFlows");
        assertEquals(3, flows.get(0).getAsJsonObject().getAsJsonArray("locations").size());
        assertEquals(1, flows.get(1).getAsJsonObject().getAsJsonArray("locations").size());
        JsonObject p = run.getAsJsonObject("properties");
        assertTrue(p.get("truncated").getAsBoolean());
        assertEquals(1, p.get("resultsDropped").getAsInt());
        assertEquals(6, p.get("relatedLocationsDropped").getAsInt());
        assertEquals(2, p.get("threadFlowLocationsDropped").getAsInt());
        assertFalse(lor.has("baselineState"), "no baseline, no baseline state");
    }

    @Test
    void aReversalQualifiedByACycleFilter_isAWarning_withItsQualifier_evenUnderAFailRule() {
        Model.Finding f = finding("LOCK_ORDER_REVERSAL", "LOCK_ORDER_REVERSAL|lock=a (?)", 1, 1);
        Model.Finding q = new Model.Finding(f.rule(), f.key(), f.policy(), f.message(), f.locks(), f.sites(),
                f.stacks(), f.count(), f.threads(), f.cpus(), f.runs(), false, "gate-lock");
        List<Triage.Verdict> verdicts = Triage.of(List.of(q), Set.of("LOCK_ORDER_REVERSAL"), Set.of(), Map.of());
        SarifWriter w = new SarifWriter(new SourceMap(List.of(), tmp), SarifLimits.GITHUB, false,
                Set.of("LOCK_ORDER_REVERSAL"));
        JsonObject lor = result(valid(w.log(verdicts).toString()), "LOCK_ORDER_REVERSAL");
        assertEquals("warning", lor.get("level").getAsString());
        assertEquals("gate-lock", lor.getAsJsonObject("properties").get("qualifier").getAsString());
    }

    @Test
    void theDefaultLimits_areGitHubs() {
        // the cutting itself is tested above with small limits: the schema's uniqueItems makes a log of
        // GitHub's size take most of a minute to validate
        assertEquals(new SarifLimits(25_000, 1_000, 10_000), SarifLimits.GITHUB);
    }

    @Test
    void aSourceRootWithACommaInItsName_isOneRoot_andTheOldCommaListStillSplits() throws IOException {
        Path root = Path.of("target", "source,roots-" + tmp.getFileName());
        Path copy = root.resolve("org/lockwitness/cli/Fixtures.java");
        Files.createDirectories(copy.getParent());
        Files.copy(Path.of(FIXTURES), copy);
        Fixtures.run(tmp.resolve("runs/one")).nest("Fixtures.java", 10, "x", "y").write();
        Fixtures.run(tmp.resolve("runs/two")).nest("Fixtures.java", 50, "y", "x").write();
        Path sarif = tmp.resolve("out/lockwitness.sarif");
        Fixtures.Result r = Fixtures.cli("check", tmp.resolve("runs").toString(), "--sarif", sarif.toString(),
                "--source-root", root.toString());
        assertEquals(0, r.status(), r::toString);
        JsonObject first = result(valid(Files.readString(sarif)), "LOCK_ORDER_REVERSAL").getAsJsonArray("locations")
                .get(0).getAsJsonObject();
        assertEquals(root.resolve("org/lockwitness/cli/Fixtures.java").toString().replace('\\', '/'), uri(first),
                "the root is not cut at its comma");

        assertEquals(List.of(root), SourceMap.roots(List.of(root.toString())));
        assertEquals(List.of(Path.of("src/main/java"), Path.of("src/test/java"), Path.of("a"), Path.of("b")),
                SourceMap.roots(List.of("src/main/java,src/test/java", "a" + java.io.File.pathSeparator + "b")),
                "a value that is no directory is a list, at commas and at the path separator");
    }
}
