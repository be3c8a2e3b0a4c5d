package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.lockwitness.witness.WitnessConfig;

/** Reading witness.json by the compatibility rule. */
class ReportReaderTest {
    @TempDir
    Path tmp;

    private Model.Report read(String json, String namespace) throws IOException {
        Files.writeString(tmp.resolve("witness.json"), json);
        return ReportReader.read(tmp, "r", namespace);
    }

    @Test
    void unknownFields_areIgnored_andAnOlderReportWithoutKeysGetsThem() throws IOException {
        Model.Report r = read("""
                {"tool": {"name": "lockwitness", "schemaVersion": "1.9", "future": true}, "sequence": 4,
                 "runs": [{"outcome": "COMPLETED"}],
                 "lockClasses": [{"name": "a", "kind": "sx", "flags": [], "refs": 1, "color": "red"}],
                 "edges": [{"from": "a", "to": "b", "count": 2, "site": "A.java:1", "reversal": false,
                            "declared": false, "stack": []}],
                 "findings": [{"rule": "DEADLOCK", "message": "m", "locks": ["a", "b"], "sites": [],
                               "traces": [{"title": "t", "frames": ["x.Y.z(Y.java:1)"]}], "count": 1,
                               "provenance": {"seed": 3}}]}
                """, null);
        assertEquals("DEADLOCK|lock=a (sx)|lock=b (?)", r.findings().get(0).key());
        assertEquals(List.of("x.Y.z(Y.java:1)"), r.findings().get(0).stacks().get(0).frames());
        assertEquals(2, r.edges().get(0).count());
        assertEquals(List.of("r"), r.edges().get(0).runs());
    }

    @Test
    void aQualifier_isRead_andAMergeWithAnUnqualifiedRunDropsIt() throws IOException {
        String json = """
                {"tool": {"name": "lockwitness"}, "lockClasses": [], "edges": [],
                 "findings": [{"rule": "LOCK_ORDER_REVERSAL", "policy": "WARN", "qualifier": "gate-lock",
                               "message": "m\\nnot failing (gate-lock): guarded", "locks": ["a", "b"],
                               "sites": [], "count": 1}]}
                """;
        Model.Finding q = read(json, null).findings().get(0);
        assertEquals("gate-lock", q.qualifier());
        Model.Finding plain = read(json.replace("\"qualifier\": \"gate-lock\",", "")
                .replace("\"WARN\"", "\"FAIL\""), null).findings().get(0);
        assertEquals(null, plain.qualifier());
        Model.Report merged = Merger.merge(List.of(new Model.Report("r1", List.of(), List.of(), List.of(q)),
                new Model.Report("r2", List.of(), List.of(), List.of(plain))), WitnessConfig.EMPTY);
        assertEquals(null, merged.findings().get(0).qualifier());
        assertEquals("FAIL", merged.findings().get(0).policy());
    }

    @Test
    void aNamespace_prefixesEveryLockClassName() throws IOException {
        Model.Report r = read("""
                {"tool": {"name": "lockwitness"},
                 "lockClasses": [{"name": "a", "kind": "sx"}, {"name": "b", "kind": "sx"}],
                 "edges": [{"from": "a", "to": "b", "count": 1}],
                 "findings": [{"rule": "DEADLOCK", "message": "m", "locks": ["b", "a"], "sites": [], "count": 1}]}
                """, "web");
        assertEquals("web::a", r.edges().get(0).from().name());
        assertEquals(List.of("web::b", "web::a"), r.findings().get(0).locks());
        assertEquals("DEADLOCK|lock=web::a (sx)|lock=web::b (sx)", r.findings().get(0).key());
    }

    @Test
    void aDeclaredOrderNeverSeen_namesNoRun() throws IOException {
        Model.Report r = read("""
                {"tool": {"name": "lockwitness"}, "lockClasses": [], "findings": [],
                 "edges": [{"from": "a", "to": "b", "count": 0, "declared": true, "site": "declared"},
                           {"from": "b", "to": "c", "count": 3, "declared": true, "site": "declared"}]}
                """, null);
        assertEquals(List.of(), r.edges().get(0).runs());
        assertEquals(List.of("r"), r.edges().get(1).runs(), "declared, and seen");
    }

    @Test
    void notJson_wrongShapes_andAnotherMajor_areUnreadable() {
        for (String bad : List.of("not json", "[1, 2]", "{\"findings\": {\"rule\": 1}}",
                "{\"tool\": {\"schemaVersion\": \"2.1\"}, \"findings\": []}")) {
            InfrastructureException e = assertThrows(InfrastructureException.class, () -> read(bad, null), bad);
            assertTrue(e.getMessage().contains(tmp.resolve("witness.json").toString()), e.getMessage());
        }
    }
}
