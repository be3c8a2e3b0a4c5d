package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Sx, rw, sleep queues, per-CPU data, grouptasks and the model's detections, under the agent. */
class ModelLocksIT {

    private static final String PROGRAM = "org.lockwitness.testprograms.ModelLocks";

    private static JsonObject run(String scenario, String expectedStatus) throws Exception {
        Path dir = Forked.dir("model-" + scenario);
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, PROGRAM, scenario);
        assertEquals(0, f.await(), f.stderr());
        assertEquals("ran " + expectedStatus, f.stdout().trim(), f.stderr());
        return f.json();
    }

    private static JsonObject only(JsonObject json, String rule) {
        assertEquals(1, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
        List<JsonObject> found = Forked.findings(json, rule);
        assertEquals(1, found.size(), json.getAsJsonArray("findings").toString());
        return found.get(0);
    }

    @Test
    void twoSxLocksInOppositeOrders_isOneReversalWithTheProgramsSites() throws Exception {
        JsonObject f = only(run("sxorder", "COMPLETED"), "LOCK_ORDER_REVERSAL");
        assertEquals(Set.of("SX-A", "SX-B"), new TreeSet<>(Forked.strings(f, "locks")));
        List<String> sites = Forked.strings(f, "sites");
        assertTrue(sites.contains(Forked.site("ModelLocks", "AB")) && sites.contains(Forked.site("ModelLocks", "BA")),
                sites.toString());
        assertTrue(sites.stream().allMatch(s -> s.startsWith("ModelLocks.java:")), sites.toString());
    }

    @Test
    void anRwReadLockHeldAcrossTsleep_isSleepWithLocksHeld() throws Exception {
        JsonObject f = only(run("rwsleep", "COMPLETED"), "SLEEP_WITH_LOCKS_HELD");
        assertEquals(List.of("RW-SLEEP"), Forked.strings(f, "locks"));
        assertTrue(Forked.strings(f, "sites").contains(Forked.site("ModelLocks", "RSLEEP")), f.toString());
    }

    @Test
    void sleepingWithOnlyAnSxHeld_givesNothing() throws Exception {
        JsonObject json = run("sxsleep", "COMPLETED");
        assertEquals(0, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
        assertTrue(json.getAsJsonObject("instrumentation").get("eventsSeen").getAsLong() > 0);
        assertTrue(json.toString().contains("SX-SLEEP"), "the sx was seen");
    }

    @Test
    void aCheckThenSleepWithTheWakeupInBetween_isALostWakeup_andTheInterlockedOneIsNot() throws Exception {
        JsonObject f = only(run("lostwakeup", "HUNG"), "LOST_WAKEUP");
        assertTrue(f.get("message").getAsString().contains("buffer ready"), f.toString());
        assertTrue(f.get("message").getAsString().contains("wakeup by thread waker"), f.toString());
        assertEquals(List.of(Forked.fixtureSite("SLEEP"), Forked.fixtureSite("WAKEUP")), Forked.strings(f, "sites"),
                "the sleep's own site, then the site of the wakeup that found no sleeper");
        JsonObject ok = run("interlocked", "COMPLETED");
        assertEquals(0, ok.getAsJsonArray("findings").size(), ok.getAsJsonArray("findings").toString());
    }

    @Test
    void twoThreadsEachHoldingAMutexTheOtherWants_isADeadlockNamingTheCycle() throws Exception {
        JsonObject json = run("deadlock", "HUNG");
        List<JsonObject> found = Forked.findings(json, "DEADLOCK");
        assertEquals(1, found.size(), json.getAsJsonArray("findings").toString());
        assertEquals(Set.of("lock a", "lock b"), new TreeSet<>(Forked.strings(found.get(0), "locks")));
        String message = found.get(0).get("message").getAsString();
        assertTrue(message.contains("ab") && message.contains("ba"), message);
    }

    @Test
    void perCpuDataReadUnpinned_isPcpuUnpinned_andPinnedIsNot() throws Exception {
        JsonObject f = only(run("pcpu", "COMPLETED"), "PCPU_UNPINNED");
        assertEquals(List.of(Forked.site("ModelLocks", "UNPINNED")), Forked.strings(f, "sites"));
        assertEquals(1, f.get("count").getAsLong(), "the pinned read is not reported");
    }

    @Test
    void aFilterMayEnqueueAGrouptask() throws Exception {
        JsonObject json = run("grouptask", "COMPLETED");
        assertEquals(0, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
    }

    @Test
    void lockmgrLocksInOppositeOrders_isAReversalAtTheCallersOwnSites() throws Exception {
        JsonObject f = only(run("lockmgr", "COMPLETED"), "LOCK_ORDER_REVERSAL");
        assertEquals(Set.of("LK-A", "LK-B"), new TreeSet<>(Forked.strings(f, "locks")));
        List<String> sites = Forked.strings(f, "sites");
        assertTrue(sites.contains(Forked.site("ModelLocks", "LKAB")) && sites.contains(Forked.site("ModelLocks", "LKBA")),
                sites.toString());
    }

    @Test
    void anRmReadLockIsTakenWithoutSleeping_soASleepableLockAfterItIsAReversal() throws Exception {
        JsonObject f = only(run("rmsleep", "COMPLETED"), "LOCK_ORDER_REVERSAL");
        assertTrue(f.get("message").getAsString().contains("sleepable after non-sleepable"), f.toString());
        assertEquals(List.of(Forked.site("ModelLocks", "RMSX")), Forked.strings(f, "sites").subList(0, 1));
    }
}
