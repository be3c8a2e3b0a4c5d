package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.agent.runtime.ExitStatus;

/** Sleeping and blocking where it is forbidden, in forked JVMs. */
class ContextRulesIT {

    private static final String PROGRAM = "org.lockwitness.testprograms.ContextRules";

    @Test
    void sleepMutexInAFilter_isSleepLockInInterruptAlone() throws Exception {
        Path dir = Forked.dir("context-filter");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, PROGRAM, "filter");
        assertEquals(0, f.await(), f.stderr());
        JsonObject json = f.json();
        assertEquals(1, json.getAsJsonArray("findings").size(), json.toString());
        List<JsonObject> found = Forked.findings(json, "SLEEP_LOCK_IN_INTERRUPT");
        assertEquals(1, found.size(), json.toString());
        assertEquals(List.of("filter mutex"), Forked.strings(found.get(0), "locks"));
        assertEquals(List.of(Forked.site("ContextRules", "FILTER")), Forked.strings(found.get(0), "sites"));
    }

    @Test
    void panicPolicy_recordsTheFindingThenHaltsTheMachine() throws Exception {
        Path dir = Forked.dir("context-panic");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "panic=SLEEP_LOCK_IN_INTERRUPT")), true, PROGRAM,
                "filter");
        assertEquals(ExitStatus.FINDINGS, f.await(), f.stderr());
        assertEquals("ran HALTED", f.stdout().trim());
        assertEquals("PANIC", Forked.findings(f.json(), "SLEEP_LOCK_IN_INTERRUPT").get(0).get("policy").getAsString());
    }

    @Test
    void requiresMethodEnteredWithoutItsLock_isReportedOnceWithTheMethod() throws Exception {
        Path dir = Forked.dir("context-requires");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, PROGRAM, "requires");
        assertEquals(0, f.await(), f.stderr());
        JsonObject json = f.json();
        assertEquals(1, json.getAsJsonArray("findings").size(), json.toString());
        List<JsonObject> found = Forked.findings(json, "REQUIRED_LOCK_NOT_HELD");
        assertEquals(1, found.get(0).get("count").getAsLong(), json.toString());
        assertEquals(List.of("Giant"), Forked.strings(found.get(0), "locks"));
        assertTrue(found.get(0).get("message").getAsString().contains("ContextRules.needsGiant"), json.toString());
        assertEquals(List.of(Forked.site("ContextRules", "REQUIRES")), Forked.strings(found.get(0), "sites"));
    }

    @Test
    void tsleepWithASpinMutexHeld_isSleepWithLocksHeld() throws Exception {
        Path dir = Forked.dir("context-tsleep");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, PROGRAM, "tsleep");
        assertEquals(0, f.await(), f.stderr());
        List<JsonObject> found = Forked.findings(f.json(), "SLEEP_WITH_LOCKS_HELD");
        assertEquals(1, found.size(), f.json().toString());
        assertTrue(Forked.strings(found.get(0), "locks").contains("held spin"), found.toString());
        assertTrue(Forked.strings(found.get(0), "sites").contains(Forked.site("ContextRules", "TSLEEP")),
                found.toString());
    }
}
