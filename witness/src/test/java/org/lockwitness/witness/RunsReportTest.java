package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine runs in witness.json and witness.txt (issues 2 and 3). */
class RunsReportTest {
    @TempDir
    Path dir;
    private Sim sim;

    @AfterEach
    void stopWriter() {
        sim.w.close();
    }

    /** Run 1 completes; run 2 finds RELEASE_NOT_OWNED, whose panic halts it; run 3 hangs. */
    private void threeRuns() {
        sim = new Sim(WitnessOptions.builder().reportDir(dir).debounceMillis(0).build());
        Runs runs = sim.w.runs();
        Sim.Lock m = sim.lock("m", LockKind.SLEEP_MUTEX);
        runs.schedule("prog", 1L, "random", "prog --seed 1", 1);
        runs.started(1, 1, "random", "DETERMINISTIC", 2);
        runs.ended(1, "COMPLETED", "every thread exited", List.of(), 100, 2_000_000);
        runs.schedule("prog", 2L, "random", "prog --seed 2", 2);
        runs.started(2, 2, "random", "DETERMINISTIC", 2);
        WitnessThread t = sim.thread("t");
        int site = sim.site("w.c", 7);
        sim.drop(t, m, site);
        runs.panicked(t, "mutex m not owned", site);
        runs.ended(2, "HALTED", "panic: mutex m not owned", List.of(), 200, 3_000_000);
        runs.schedule("prog", 3L, "random", "prog --seed 3", 3);
        runs.started(3, 3, "random", "PARALLEL", 4);
        runs.ended(3, "HUNG", "no thread can run and no timer is pending",
                List.of("x (tid 3, cpu1, pri 80): SLEEPING on \"y\""), 300, 4_000_000);
        sim.w.writeReports();
    }

    @Test
    void witnessJson_hasTheRunsSection_andEachFindingsProvenanceAndPanic() throws IOException {
        threeRuns();
        JsonObject root;
        try (JsonReader r = new JsonReader(Files.newBufferedReader(dir.resolve("witness.json")))) {
            r.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(r).getAsJsonObject();
        }
        JsonObject run = root.getAsJsonObject("run");
        assertEquals(2, run.get("seed").getAsLong());
        assertEquals("prog --seed 2", run.get("replay").getAsString());
        assertEquals(2, run.get("schedule").getAsInt());
        assertEquals(2, run.get("machineRun").getAsLong());
        JsonObject runs = root.getAsJsonObject("runs");
        assertEquals(3, runs.get("total").getAsLong());
        assertEquals(1, runs.getAsJsonObject("byOutcome").get("HUNG").getAsLong());
        assertEquals(1, runs.getAsJsonObject("byOutcome").get("COMPLETED").getAsLong());
        assertEquals(100, runs.get("listLimit").getAsInt());
        assertEquals(0, runs.get("unlisted").getAsLong());
        assertEquals(0, runs.get("threadHandles").getAsInt());
        assertEquals(1, runs.get("maxThreadHandles").getAsInt());
        JsonArray listed = runs.getAsJsonArray("listed");
        assertEquals(2, listed.size());
        JsonObject halted = listed.get(0).getAsJsonObject();
        assertEquals(2, halted.get("index").getAsLong());
        assertEquals("HALTED", halted.get("outcome").getAsString());
        assertEquals("panic: mutex m not owned", halted.get("reason").getAsString());
        assertEquals("prog --seed 2", halted.get("replay").getAsString());
        assertEquals(1, halted.get("findings").getAsLong());
        assertEquals(3, halted.get("wallMillis").getAsLong());
        assertEquals(200, halted.get("steps").getAsLong());
        JsonObject hung = listed.get(1).getAsJsonObject();
        assertEquals("HUNG", hung.get("outcome").getAsString());
        assertEquals("PARALLEL", hung.get("mode").getAsString());
        assertEquals(4, hung.get("cpus").getAsInt());
        assertEquals("x (tid 3, cpu1, pri 80): SLEEPING on \"y\"", hung.getAsJsonArray("waiters").get(0).getAsString());
        JsonArray findings = root.getAsJsonArray("findings");
        assertEquals(1, findings.size(), "the explained panic is no finding of its own");
        JsonObject f = findings.get(0).getAsJsonObject();
        assertEquals("RELEASE_NOT_OWNED", f.get("rule").getAsString());
        assertEquals("mutex m not owned", f.get("panic").getAsString());
        JsonObject seen = f.getAsJsonObject("firstSeen");
        assertEquals(2, seen.get("run").getAsLong());
        assertEquals(2, seen.get("seed").getAsLong());
        assertEquals("random", seen.get("strategy").getAsString());
        assertEquals(2, seen.get("schedule").getAsInt());
        assertEquals("prog --seed 2", seen.get("replay").getAsString());
    }

    @Test
    void witnessTxt_hasAShortRunsSection_andAFirstSeenLinePerFinding() throws IOException {
        threeRuns();
        List<String> lines = Files.readAllLines(dir.resolve("witness.txt"), StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("# lockwitness snapshot "), lines.get(0));
        assertEquals("# machine runs: 3 [COMPLETED=1, HALTED=1, HUNG=1]; notable runs (not COMPLETED, or with"
                + " findings) listed: 2, at most 100, 0 more counted only", lines.get(2));
        assertEquals("# run 2: seed 2 random, 2 cpus DETERMINISTIC, schedule 2: HALTED (panic: mutex m not owned)"
                + " after 200 scheduling points, 1 finding(s)", lines.get(3));
        assertEquals("#   replay: prog --seed 2", lines.get(4));
        assertEquals("# run 3: seed 3 random, 4 cpus PARALLEL, schedule 3: HUNG (no thread can run and no timer is"
                + " pending) after 300 scheduling points, 0 finding(s)", lines.get(5));
        assertEquals("#   waiting: x (tid 3, cpu1, pri 80): SLEEPING on \"y\"", lines.get(6));
        assertEquals("#   replay: prog --seed 3", lines.get(7));
        int header = lines.indexOf("# RELEASE_NOT_OWNED (warn) count=1 threads=\"t\" cpus=\"0\"");
        assertTrue(header > 7, lines::toString);
        assertEquals("lock (sleep mutex) m not locked @ w.c:7", lines.get(header + 1), "FreeBSD's lines come first");
        int seen = lines.indexOf("# first seen in run 2 (seed 2, random, schedule 2); replay: prog --seed 2");
        assertTrue(seen > header + 1, lines::toString);
        assertEquals("# panic: mutex m not owned", lines.get(seen + 1));
        assertEquals(List.of("", "db> show witness"), lines.subList(seen + 2, seen + 4),
                "they close the finding; the tree follows the findings");
    }
}
