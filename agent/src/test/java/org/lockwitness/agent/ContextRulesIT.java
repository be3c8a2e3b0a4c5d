package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
