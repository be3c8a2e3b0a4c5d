package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.agent.runtime.ExitStatus;

/**
 * Issues 2, 3 and 12 in forked JVMs: how each machine run ended and where each finding came from,
 * in {@code witness.json} and {@code witness.txt}; KERNEL_PANIC and {@code fail=} on it; thread
 * handles dropped at each run's end over 1,000 schedules.
 */
class MachineRunsIT {

    private static final String OUTCOMES = "org.lockwitness.testprograms.RunOutcomes";
    private static final String LOOP = "org.lockwitness.testprograms.MachineLoop";

    @Test
    void everyOutcome_isInTheReport_andAnUnexplainedPanicFailsTheRun() throws Exception {
        Path dir = Forked.dir("runs-outcomes");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "fail=KERNEL_PANIC")), true, OUTCOMES);
        assertEquals(ExitStatus.FINDINGS, f.await(), f.stdout() + f.stderr());
        assertEquals(List.of("COMPLETED: every thread exited", "HUNG: no thread can run and no timer is pending",
                "STEP_LIMIT: step limit of 10000 scheduling points reached", "HALTED: panic: mutex unowned mutex not owned",
                "HALTED: panic: lock of destroyed mutex destroyed mutex"), f.stdout().lines().toList());
        JsonObject json = f.json();

        JsonObject run = json.getAsJsonObject("run");
        assertEquals(45, run.get("seed").getAsLong(), "the seed of the run of the first finding");
        assertEquals("random", run.get("strategy").getAsString());
        assertEquals(4, run.get("machineRun").getAsLong());
        assertTrue(run.get("replay").isJsonNull(), "the program named no replay command");

        JsonObject runs = json.getAsJsonObject("runs");
        assertEquals(5, runs.get("total").getAsLong());
        JsonObject byOutcome = runs.getAsJsonObject("byOutcome");
        assertEquals(1, byOutcome.get("COMPLETED").getAsLong());
        assertEquals(1, byOutcome.get("HUNG").getAsLong());
        assertEquals(1, byOutcome.get("STEP_LIMIT").getAsLong());
        assertEquals(2, byOutcome.get("HALTED").getAsLong());
        List<JsonObject> listed = objects(runs.getAsJsonArray("listed"));
        assertEquals(List.of("HUNG", "STEP_LIMIT", "HALTED", "HALTED"),
                listed.stream().map(r -> r.get("outcome").getAsString()).toList());
        JsonObject hung = listed.get(0);
        assertEquals(43, hung.get("seed").getAsLong());
        assertEquals(2, hung.get("cpus").getAsInt());
        assertEquals("DETERMINISTIC", hung.get("mode").getAsString());
        String waiter = hung.getAsJsonArray("waiters").get(0).getAsString();
        assertTrue(waiter.startsWith("sleeper (tid ") && waiter.endsWith("SLEEPING on \"forever\""), waiter);
        assertEquals(10_001, listed.get(1).get("steps").getAsLong());
        assertEquals("panic: mutex unowned mutex not owned", listed.get(2).get("reason").getAsString());
        assertEquals(1, listed.get(2).get("findings").getAsLong());
        assertEquals(0, runs.get("threadHandles").getAsInt());

        List<JsonObject> findings = objects(json.getAsJsonArray("findings"));
        assertEquals(2, findings.size(), json.toString());
        JsonObject unowned = findings.get(0);
        assertEquals("RELEASE_NOT_OWNED", unowned.get("rule").getAsString());
        assertEquals("mutex unowned mutex not owned", unowned.get("panic").getAsString(), "the panic it explains");
        assertEquals(List.of(Forked.site("RunOutcomes", "unowned")), Forked.strings(unowned, "sites"));
        JsonObject seen = unowned.getAsJsonObject("firstSeen");
        assertEquals(4, seen.get("run").getAsLong());
        assertEquals(45, seen.get("seed").getAsLong());
        assertEquals("random", seen.get("strategy").getAsString());
        JsonObject panic = findings.get(1);
        assertEquals("KERNEL_PANIC", panic.get("rule").getAsString());
        assertEquals("FAIL", panic.get("policy").getAsString());
        String site = Forked.site("RunOutcomes", "destroyed");
        assertEquals("panic: lock of destroyed mutex destroyed mutex @ " + site, panic.get("message").getAsString());
        assertEquals(List.of(site), Forked.strings(panic, "sites"));
        JsonArray frames = panic.getAsJsonArray("stacks").get(0).getAsJsonObject().getAsJsonArray("frames");
        assertTrue(frames.get(0).getAsString().contains("RunOutcomes"), frames.toString());
        assertEquals(5, panic.getAsJsonObject("firstSeen").get("run").getAsLong());
        assertTrue(panic.get("panic").isJsonNull());

        String text = Forked.read(f.report().resolve("witness.txt"));
        assertTrue(text.contains("\n# machine runs: 5 [COMPLETED=1, HALTED=2, HUNG=1, STEP_LIMIT=1]; "), text);
        assertTrue(text.contains("\n# first seen in run 4 (seed 45, random)\n# panic: mutex unowned mutex not owned\n"
                + "\n# KERNEL_PANIC (fail) count=1 threads=\"locker\" cpus="), text);
    }

    @Test
    void aThousandSchedules_keepTheThreadHandlesBounded() throws Exception {
        Path dir = Forked.dir("runs-thousand");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, LOOP, "deterministic", "1000", "reset", "1");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("machines 1000: COMPLETED=1000 "), f.stdout());
        JsonObject runs = f.json().getAsJsonObject("runs");
        assertEquals(1000, runs.get("total").getAsLong());
        assertEquals(0, runs.get("threadHandles").getAsInt());
        int max = runs.get("maxThreadHandles").getAsInt();
        assertTrue(max > 0 && max <= 8, "one machine's threads at most (3 idle, 3 workers, an ithread, a daemon): "
                + max);
        assertEquals(0, f.json().getAsJsonArray("findings").size());
    }

    static List<JsonObject> objects(JsonArray a) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : a) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }
}
