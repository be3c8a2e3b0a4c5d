package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The precise semantics of issue 18 (destroy, spin deadlocks, lost wakeups, irq chains) under the agent. */
class PrecisionIT {

    private static final String PROGRAM = "org.lockwitness.testprograms.Precision";

    private static JsonObject run(String scenario, String expectedStatus, String options) throws Exception {
        Path dir = Forked.dir("precision-" + scenario);
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, options)), true, PROGRAM, scenario);
        assertEquals(0, f.await(), f.stderr());
        assertEquals("ran " + expectedStatus, f.stdout().trim(), f.stderr());
        return f.json();
    }

    @Test
    void mutexesDestroyedByTheirOwner_areReleased_andLaterLockingSleepingAndExitAreSilent() throws Exception {
        JsonObject json = run("destroyown", "COMPLETED", "");
        assertEquals(0, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
        assertTrue(json.toString().contains("hw lock") && json.toString().contains("later"), "the locks were seen");
    }

    @Test
    void aMutexDestroyedWhileAnotherThreadHoldsIt_isOneDestroyHeld_andThePanic() throws Exception {
        JsonObject json = run("destroyheld", "HALTED", "");
        assertEquals(1, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
        JsonObject f = Forked.findings(json, "DESTROY_HELD").get(0);
        assertTrue(f.get("message").getAsString().contains("softc destroyed while held by thread holder"),
                f.toString());
        assertEquals(List.of(Forked.site("Precision", "DESTROY")), Forked.strings(f, "sites"));
    }

    @Test
    void aTryUpgradeOfAnSxNotHeld_isBadUpgrade_thoughItFails() throws Exception {
        JsonObject json = run("badupgrade", "COMPLETED", "");
        assertEquals(1, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
        JsonObject f = Forked.findings(json, "BAD_UPGRADE").get(0);
        assertTrue(f.get("message").getAsString().startsWith("upgrade of unlocked lock (sx) allproc @ Precision.java:"),
                f.toString());
        assertEquals(List.of(Forked.site("Precision", "UPGRADE")), Forked.strings(f, "sites"));
    }

    @Test
    void twoCpusSpinningOnEachOthersSpinMutexes_isADeadlockAtOnce_notSpinHeldTooLong() throws Exception {
        JsonObject json = run("spindeadlock", "HUNG", "");
        List<JsonObject> found = Forked.findings(json, "DEADLOCK");
        assertEquals(1, found.size(), json.getAsJsonArray("findings").toString());
        assertEquals(List.of("spin a", "spin b"), Forked.strings(found.get(0), "locks").stream().sorted().toList());
        assertEquals(List.of(), Forked.findings(json, "SPIN_HELD_TOO_LONG"), "seen before any spin bound");
        assertEquals(1, Forked.findings(json, "LOCK_ORDER_REVERSAL").size(), "and the reversal that caused it");
        assertEquals(2, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
    }

    private static JsonObject cv(String form, String name) throws Exception {
        Path dir = Forked.dir("precision-cv-" + name);
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "windows=lines,include=org.lockwitness.testprograms.*")),
                true, "org.lockwitness.testprograms.CvLostWakeup", form, "30");
        assertEquals(0, f.await(), f.stderr());
        JsonObject json = f.json();
        json.addProperty("stdout", f.stdout().trim());
        return json;
    }

    @Test
    void aCvSignalledWithoutItsMutexBetweenTheCheckAndCvWait_isALostWakeupWithBothSitesAndStacks_overSeeds()
            throws Exception {
        JsonObject json = cv("buggy", "buggy");
        String out = json.get("stdout").getAsString();
        assertTrue(!out.endsWith("hung 0"), "some schedule loses the wakeup: " + out);
        List<JsonObject> found = Forked.findings(json, "LOST_WAKEUP");
        assertEquals(1, found.size(), json.getAsJsonArray("findings").toString());
        assertEquals(1, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
        JsonObject f = found.get(0);
        assertTrue(f.get("message").getAsString().contains("sleeps forever on \"sc_ready\""), f.toString());
        assertTrue(f.get("message").getAsString().contains("wakeup by thread waker @ CvLostWakeup.java:"), f.toString());
        assertEquals(List.of(Forked.site("CvLostWakeup", "WAIT"), Forked.site("CvLostWakeup", "SIGNAL")),
                Forked.strings(f, "sites"));
        String stacks = f.getAsJsonArray("stacks").toString();
        assertTrue(stacks.contains("sleeping at:") && stacks.contains("Handshake.await(CvLostWakeup.java:"), stacks);
        assertTrue(stacks.contains("wakeup with no sleeper at:")
                && stacks.contains("Handshake.postUnlocked(CvLostWakeup.java:"), stacks);
        assertEquals(Long.parseLong(out.substring(out.lastIndexOf(' ') + 1)), f.get("count").getAsLong(),
                "one occurrence per hung run");
    }

    @Test
    void aCvSignalledUnderItsMutex_isSilentOverTheSameSeeds() throws Exception {
        JsonObject json = cv("fixed", "fixed");
        assertEquals("completed 30 hung 0", json.get("stdout").getAsString());
        assertEquals(0, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
    }

    @Test
    void anIrqSafeSpinMutexOrderedBeforeOneHeldWithInterruptsOn_isAnIrqInversionNamingTheChain() throws Exception {
        JsonObject json = run("irqchain", "COMPLETED", "");
        List<JsonObject> found = Forked.findings(json, "IRQ_INVERSION");
        assertEquals(1, found.size(), json.getAsJsonArray("findings").toString());
        JsonObject f = found.get(0);
        assertEquals(List.of("em0 lock", "sched stats"), Forked.strings(f, "locks"));
        assertEquals(List.of(Forked.site("Precision", "FILTER"), Forked.site("Precision", "ORDER"),
                Forked.site("Precision", "ENABLE")), Forked.strings(f, "sites"));
        assertTrue(f.get("message").getAsString().contains("lock order em0 lock -> sched stats established at"),
                f.toString());
    }
}
