package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: the r222254 race is found by line windows alone. The program and its seeds are in
 * {@code org.lockwitness.testprograms.Rendezvous}; nothing in it places a window by hand.
 */
class RendezvousIT {

    private static final String PROGRAM = "org.lockwitness.testprograms.Rendezvous";
    private static final String RULE = "PREEMPT_IN_RENDEZVOUS";
    private static final String SEEDS = "200";
    private static final Pattern FOUND = Pattern.compile("found " + RULE + " with seed (\\d+) after (\\d+) seeds");

    @Test
    void lineWindows_findTheRaceAndTheSeedReplaysWithTheSameEventTrace() throws Exception {
        Forked found = run("rendezvous-lines", "windows=lines", "historical", "1", SEEDS);
        Matcher m = FOUND.matcher(found.stdout());
        assertTrue(m.find(), found.stdout() + found.stderr());
        String seed = m.group(1);
        System.out.println("r222254 found with seed " + seed + " after " + m.group(2) + " seeds");
        JsonObject json = found.json();
        assertEquals(1, Forked.findings(json, RULE).size(), json.toString());
        assertEquals(Long.parseLong(seed), json.getAsJsonObject("run").get("seed").getAsLong());

        Forked replay = run("rendezvous-replay", "windows=lines", "historical", seed, seed);
        assertTrue(replay.stdout().contains("with seed " + seed + " after 1 seeds"), replay.stdout());
        JsonObject again = replay.json();
        assertEquals(1, Forked.findings(again, RULE).size(), again.toString());
        assertEquals(trace(json, "eventTraceHash"), trace(again, "eventTraceHash"));
        assertEquals(trace(json, "eventsSeen"), trace(again, "eventsSeen"));
    }

    @Test
    void fixedAction_findsNothingWithTheSameSeeds() throws Exception {
        Forked f = run("rendezvous-fixed", "windows=lines", "fixed", "1", SEEDS);
        assertTrue(f.stdout().contains("no " + RULE + " in seeds 1.." + SEEDS), f.stdout() + f.stderr());
        assertEquals(0, f.json().getAsJsonArray("findings").size(), f.json().toString());
    }

    @Test
    void probeWindowsOnly_doNotFindIt() throws Exception {
        Forked f = run("rendezvous-probes", "windows=probes", "historical", "1", SEEDS);
        assertTrue(f.stdout().contains("no " + RULE + " in seeds 1.." + SEEDS), f.stdout() + f.stderr());
        assertEquals(0, Forked.findings(f.json(), RULE).size());
        assertEquals(0, f.json().getAsJsonObject("instrumentation").get("windowsWoven").getAsLong());
    }

    private static Forked run(String name, String windows, String... args) throws Exception {
        Path dir = Forked.dir(name);
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, windows)), true, PROGRAM, args);
        assertEquals(0, f.await(), f.stderr());
        return f;
    }

    private static long trace(JsonObject json, String counter) {
        return json.getAsJsonObject("instrumentation").get(counter).getAsLong();
    }
}
