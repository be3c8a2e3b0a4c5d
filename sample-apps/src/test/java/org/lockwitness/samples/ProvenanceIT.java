package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: a report built from many schedules (the lockmgr-interlock buggy variant's budget, whose
 * two rules come from different schedules) says where each finding was first seen, and each
 * finding's own replay command reproduces it; the run header names the run of the first finding.
 */
class ProvenanceIT {

    @Test
    void eachFinding_namesItsOwnSchedule_andItsReplayReproducesIt() throws Exception {
        Forked.Result budget = Forked.run(Forked.dir("provenance-budget"), "", "run", "lockmgr-interlock", "--variant",
                "buggy");
        assertEquals(Main.OK, budget.status(), budget.output());
        JsonObject json = JsonParser.parseString(Files.readString(budget.report().resolve("witness.json"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        List<JsonObject> findings = json.getAsJsonArray("findings").asList().stream()
                .map(JsonElement::getAsJsonObject).toList();
        assertEquals(List.of("ASSERTION_FAILED", "LOST_WAKEUP"),
                findings.stream().map(f -> f.get("rule").getAsString()).toList());
        JsonObject first = findings.get(0).getAsJsonObject("firstSeen");
        JsonObject run = json.getAsJsonObject("run");
        assertEquals(first.get("replay").getAsString(), run.get("replay").getAsString());
        assertEquals(first.get("seed").getAsLong(), run.get("seed").getAsLong());
        assertEquals(first.get("schedule").getAsInt(), run.get("schedule").getAsInt());
        assertNotEquals(first.get("schedule").getAsInt(),
                findings.get(1).getAsJsonObject("firstSeen").get("schedule").getAsInt(),
                "the two rules come from different schedules of the budget");
        for (JsonObject f : findings) {
            JsonObject seen = f.getAsJsonObject("firstSeen");
            String replay = seen.get("replay").getAsString();
            assertTrue(replay.endsWith(" --seed " + seen.get("seed").getAsLong()), replay);
            assertEquals("random", seen.get("strategy").getAsString());
            List<String> words = Arrays.asList(replay.split(" "));
            List<String> runArgs = words.subList(words.indexOf("run"), words.size());
            String rule = f.get("rule").getAsString();
            Forked.Result again = Forked.run(Forked.dir("provenance-" + rule), "", runArgs.toArray(new String[0]));
            assertEquals(Main.OK, again.status(), again.output());
            assertTrue(again.reportRules().contains(rule), rule + " from " + replay + ":\n" + again.output());
        }
        JsonObject runs = json.getAsJsonObject("runs");
        assertEquals(findings.get(1).getAsJsonObject("firstSeen").get("schedule").getAsLong(),
                runs.get("total").getAsLong(), "the budget stops at the schedule that found the last required rule");
    }
}
