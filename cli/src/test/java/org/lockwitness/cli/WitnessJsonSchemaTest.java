package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/witness.schema.json against the witness.json files the witness and the merge really write. */
class WitnessJsonSchemaTest {
    @TempDir
    Path tmp;

    private Path abba() {
        return Fixtures.run(tmp.resolve("abba")).nest("Fixtures.java", 10, "sigio lock", "process lock")
                .nest("Fixtures.java", 20, "process lock", "sigio lock")
                .missing("Giant", "FwohciDriver.java", 18, "FwohciDriver.intr").write();
    }

    @Test
    void aRunsReport_validates_andItsKeysAreTheOnesTheCliComputes() throws IOException {
        Path dir = abba();
        assertEquals(List.of(), Schemas.errors(Schemas.WITNESS, dir.resolve("witness.json")));
        JsonObject json = JsonParser.parseString(Fixtures.read(dir.resolve("witness.json"))).getAsJsonObject();
        assertEquals(Version.SCHEMA, json.getAsJsonObject("tool").get("schemaVersion").getAsString(),
                "the witness writes the schema version the cli reads");
        Model.Report report = ReportReader.read(dir, "abba", null);
        assertEquals(2, report.findings().size());
        for (int i = 0; i < 2; i++) {
            assertEquals(json.getAsJsonArray("findings").get(i).getAsJsonObject().get("key").getAsString(),
                    report.findings().get(i).key());
        }
    }

    @Test
    void aMergedReport_validates() throws IOException {
        Path a = Fixtures.run(tmp.resolve("a")).nest("Fixtures.java", 10, "x", "y").write();
        Path b = Fixtures.run(tmp.resolve("b")).nest("Fixtures.java", 20, "y", "x").write();
        Fixtures.Result r = Fixtures.cli("merge", a.toString(), b.toString(), abba().toString(), "--out",
                tmp.resolve("merged").toString());
        assertEquals(0, r.status(), r::toString);
        assertEquals(List.of(), Schemas.errors(Schemas.WITNESS, tmp.resolve("merged/witness.json")));
    }

    @Test
    void theSchema_rejectsAFindingWithoutKey_andAnotherMajorVersion() throws IOException {
        JsonObject json = JsonParser.parseString(Fixtures.read(abba().resolve("witness.json"))).getAsJsonObject();
        json.getAsJsonArray("findings").get(0).getAsJsonObject().remove("key");
        assertFalse(Schemas.errors(Schemas.WITNESS, json.toString()).isEmpty());
        json = JsonParser.parseString(Fixtures.read(tmp.resolve("abba/witness.json"))).getAsJsonObject();
        json.getAsJsonObject("tool").addProperty("schemaVersion", "2.0");
        assertFalse(Schemas.errors(Schemas.WITNESS, json.toString()).isEmpty());
        json.getAsJsonObject("tool").addProperty("schemaVersion", "1.7");
        json.addProperty("sequence", 12);
        json.getAsJsonArray("findings").get(0).getAsJsonObject().addProperty("provenance", "a field added later");
        assertTrue(Schemas.errors(Schemas.WITNESS, json.toString()).isEmpty(), "additions validate");
    }

    @Test
    void theTestOfAFinding_isAStringSinceSchema1_1() throws IOException {
        JsonObject json = JsonParser.parseString(Fixtures.read(abba().resolve("witness.json"))).getAsJsonObject();
        JsonObject finding = json.getAsJsonArray("findings").get(0).getAsJsonObject();
        finding.addProperty("test", "com.example.AbbaTest.abba()");
        assertEquals(List.of(), Schemas.errors(Schemas.WITNESS, json.toString()));
        finding.addProperty("test", 5);
        assertFalse(Schemas.errors(Schemas.WITNESS, json.toString()).isEmpty());
    }
}
