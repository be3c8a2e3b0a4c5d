package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cycle filters of Java locks under the agent ({@code org.lockwitness.jcip.FilteredCycles}):
 * one JVM runs a cycle per filter with every filter on and {@code fail=all}, and exits 0 with each
 * reversal qualified; one runs them with every filter switched off, and each fails, with a
 * {@code Thread.join} under a monitor as {@code SLEEP_WITH_LOCKS_HELD}. That reversals of threads
 * alive together still fail with the filters on is {@code JavaLocksIT}'s ({@code fail=all}).
 */
@Timeout(120)
class CycleFiltersIT {

    private static final String PKG = "org.lockwitness.jcip.";
    private static final String PROGRAM = "FilteredCycles";
    private static final String OFF = "filterSingleThread=off,filterGateLock=off,filterStartJoin=off,"
            + "filterReadRead=off";

    private static Forked run(String name, String options, String... args) throws Exception {
        Path dir = Forked.dir("filters-" + name);
        return Forked.run(dir, List.of(Forked.agent(dir, options)), false, PKG + PROGRAM, args);
    }

    /** The one reversal that names lock class {@code field} of the program. */
    private static JsonObject reversalOf(Forked f, String field) {
        List<JsonObject> found = Forked.findings(f.json(), "LOCK_ORDER_REVERSAL").stream()
                .filter(o -> Forked.strings(o, "locks").contains(PKG + PROGRAM + "." + field)).toList();
        assertEquals(1, found.size(), f.json().toString());
        return found.get(0);
    }

    private static void assertQualified(Forked f, String field, String qualifier, String reason) throws IOException {
        JsonObject lor = reversalOf(f, field);
        JsonElement q = lor.get("qualifier");
        assertNotNull(q, lor.toString());
        assertEquals(qualifier, q.getAsString(), lor.toString());
        assertEquals("WARN", lor.get("policy").getAsString(), lor.toString());
        String message = lor.get("message").getAsString();
        assertTrue(message.contains("not failing (" + qualifier + ")") && message.contains(reason), message);
    }

    @Test
    void everyFilterOn_withFailAll_reportsEachCycleQualified_andExitsZero() throws Exception {
        Forked f = run("on", "fail=all", "single", "gate", "startJoin", "readRead");
        assertEquals(0, f.await(), f.stderr());
        assertEquals(4, f.json().getAsJsonArray("findings").size(), f.json().toString());
        assertQualified(f, "single1", "single-thread", "thread \"main\" only");
        assertQualified(f, "gateA", "gate-lock", "gate lock \"" + PKG + PROGRAM + ".gate\"");
        assertQualified(f, "joinA", "start-join", "thread \"sj-first\" joined before thread \"sj-second\" started");
        assertQualified(f, "rwA", "read-read", "no write acquire");
        assertTrue(Forked.strings(reversalOf(f, "gateA"), "sites").contains(site("gate")), f.json().toString());
        assertFalse(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
    }

    @Test
    void everyFilterOff_eachCycleFails_andAJoinUnderAMonitor_isSleepWithLocksHeld() throws Exception {
        Forked f = run("off", "fail=all," + OFF, "single", "gate", "startJoin", "readRead", "joinHeld");
        assertEquals(1, f.await(), f.stderr());
        for (String field : List.of("single1", "gateA", "joinA", "rwA")) {
            JsonObject lor = reversalOf(f, field);
            assertNull(lor.get("qualifier"), lor.toString());
            assertEquals("FAIL", lor.get("policy").getAsString(), lor.toString());
        }
        assertTrue(Forked.strings(reversalOf(f, "single1"), "sites").contains(site("single")), f.json().toString());
        assertTrue(Forked.strings(reversalOf(f, "joinA"), "sites").contains(site("startJoin")), f.json().toString());
        assertTrue(Forked.strings(reversalOf(f, "rwA"), "sites").contains(site("readRead")), f.json().toString());
        List<JsonObject> sleeps = Forked.findings(f.json(), "SLEEP_WITH_LOCKS_HELD");
        assertEquals(1, sleeps.size(), f.json().toString());
        assertTrue(sleeps.get(0).get("message").getAsString().contains("Thread.join"), sleeps.toString());
        assertTrue(Forked.strings(sleeps.get(0), "sites").contains(site("joinHeld")), sleeps.toString());
        assertEquals(5, f.json().getAsJsonArray("findings").size(), f.json().toString());
    }

    /** {@code FilteredCycles.java:line} of the line that carries {@code // SITE:marker}. */
    private static String site(String marker) throws IOException {
        Path src = Path.of("src/test/java/org/lockwitness/jcip", PROGRAM + ".java");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker + " in " + src);
    }
}
