package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java locks of ordinary code under the agent, in forked JVMs without the kernel model: the
 * programs of JCIP chapter 10 ({@code org.lockwitness.jcip}), each running its lock orders in
 * threads that never overlap, and one program per rule.
 */
@Timeout(120)
class JavaLocksIT {

    private static final String PKG = "org.lockwitness.jcip.";

    private static Forked run(String name, String options, String program, String... args) throws Exception {
        Path dir = Forked.dir("jlocks-" + name);
        return Forked.run(dir, List.of(Forked.agent(dir, options)), false, PKG + program, args);
    }

    private static JsonObject reversal(Forked f) {
        List<JsonObject> lor = Forked.findings(f.json(), "LOCK_ORDER_REVERSAL");
        assertEquals(1, lor.size(), f.json().toString());
        return lor.get(0);
    }

    private static void assertSilent(Forked f) {
        assertEquals(0, f.json().getAsJsonArray("findings").size(), f.json().toString());
        assertFalse(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
    }

    @Test
    void leftRightDeadlock_isAReversalOfTheTwoFields_atTheProgramsLines() throws Exception {
        Forked f = run("leftright", "", "LeftRightDeadlock");
        assertEquals(0, f.await(), f.stderr());
        JsonObject lor = reversal(f);
        assertEquals(1, f.json().getAsJsonArray("findings").size(), f.json().toString());
        List<String> locks = Forked.strings(lor, "locks");
        assertTrue(locks.containsAll(List.of(PKG + "LeftRightDeadlock.left", PKG + "LeftRightDeadlock.right"))
                && locks.size() == 2, locks.toString());
        List<String> sites = Forked.strings(lor, "sites");
        assertTrue(sites.contains(site("LeftRightDeadlock", "leftRight")), sites.toString());
        assertTrue(sites.contains(site("LeftRightDeadlock", "rightLeft")), sites.toString());
        assertFalse(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
    }

    @Test
    void synchronizedAbba_withFailAll_exitsNonZeroNamingTheReversal() throws Exception {
        Forked f = run("leftright-fail", "fail=all", "LeftRightDeadlock");
        assertEquals(1, f.await(), f.stderr());
        assertTrue(f.stderr().contains("LOCK_ORDER_REVERSAL"), f.stderr());
        reversal(f);
    }

    @Test
    void reentrantLockAbba_withFailAll_exitsNonZeroNamingTheReversal_andReentryIsNoRecursion() throws Exception {
        Forked f = run("lockabba", "fail=all", "LockAbba");
        assertEquals(1, f.await(), f.stderr());
        assertTrue(f.stderr().contains("LOCK_ORDER_REVERSAL"), f.stderr());
        List<String> locks = Forked.strings(reversal(f), "locks");
        assertTrue(locks.containsAll(List.of(PKG + "LockAbba.first", PKG + "LockAbba.second")), locks.toString());
        assertEquals(1, f.json().getAsJsonArray("findings").size(), f.json().toString());
        assertTrue(Forked.strings(reversal(f), "sites").contains(site("LockAbba", "ba")), f.json().toString());
    }

    @Test
    void dynamicOrderDeadlock_transferBothWays_isAReversalOfTwoInstancesOfOneClass() throws Exception {
        Forked f = run("dynamic", "", "DynamicOrderDeadlock");
        assertEquals(0, f.await(), f.stderr());
        JsonObject lor = reversal(f);
        assertEquals(List.of(PKG + "DynamicOrderDeadlock$Account", PKG + "DynamicOrderDeadlock$Account"),
                Forked.strings(lor, "locks"));
        assertTrue(Forked.strings(lor, "sites").contains(site("DynamicOrderDeadlock", "transfer")), lor.toString());
        assertTrue(lor.get("message").getAsString().contains("nested in both orders"), lor.toString());
    }

    @Test
    void cooperatingDeadlock_anAlienCallUnderALock_isAReversalOfTheTwoClasses() throws Exception {
        Forked f = run("cooperating", "", "CooperatingDeadlock");
        assertEquals(0, f.await(), f.stderr());
        JsonObject lor = reversal(f);
        List<String> locks = Forked.strings(lor, "locks");
        assertTrue(locks.containsAll(List.of(PKG + "CooperatingDeadlock$Taxi", PKG + "CooperatingDeadlock$Dispatcher")),
                locks.toString());
        // a synchronized method's acquire is reported at its first line
        List<String> sites = Forked.strings(lor, "sites");
        assertTrue(sites.contains(site("CooperatingDeadlock", "getLocation")), sites.toString());
        assertTrue(sites.contains(site("CooperatingDeadlock", "notifyAvailable")), sites.toString());
        String stacks = lor.get("stacks").toString();
        assertTrue(stacks.contains(site("CooperatingDeadlock", "notify")), stacks);
        assertTrue(stacks.contains(site("CooperatingDeadlock", "image")), stacks);
    }

    @Test
    void cooperatingNoDeadlock_openCalls_isSilent() throws Exception {
        Forked f = run("cooperating-open", "", "CooperatingDeadlock", "open");
        assertEquals(0, f.await(), f.stderr());
        assertSilent(f);
    }

    @Test
    void induceLockOrder_byIdentityHash_isSilent() throws Exception {
        Forked f = run("induce", "", "InduceLockOrder");
        assertEquals(0, f.await(), f.stderr());
        assertSilent(f);
    }

    @Test
    void induceLockOrder_whenEveryHashTies_bothOrdersUnderTheTieLock_isSilent() throws Exception {
        Forked f = run("induce-tie", "", "InduceLockOrder", "tie");
        assertEquals(0, f.await(), f.stderr());
        assertSilent(f);
    }

    @Test
    void deadlockAvoidance_tryLockBackOff_closesNoCycle() throws Exception {
        Forked f = run("avoidance", "fail=all", "DeadlockAvoidance");
        assertEquals(0, f.await(), f.stderr());
        assertSilent(f);
    }

    @Test
    void unlockByANonOwner_isReleaseNotOwned_beforeTheJdkRefusesIt() throws Exception {
        Forked f = run("notowned", "", "JavaRules", "notOwned");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("the JDK refused the unlock"), f.stdout());
        List<JsonObject> found = Forked.findings(f.json(), "RELEASE_NOT_OWNED");
        assertEquals(1, found.size(), f.json().toString());
        assertTrue(Forked.strings(found.get(0), "sites").contains(site("JavaRules", "notOwned")), f.json().toString());
        assertTrue(found.get(0).get("message").getAsString().contains(PKG + "JavaRules.owned"), f.json().toString());
    }

    @Test
    void aThreadThatEndsHoldingAReentrantLock_isHeldAtExit() throws Exception {
        Forked f = run("heldatexit", "", "JavaRules", "heldAtExit");
        assertEquals(0, f.await(), f.stderr());
        List<JsonObject> found = Forked.findings(f.json(), "HELD_AT_EXIT");
        assertEquals(1, found.size(), f.json().toString());
        assertTrue(found.get(0).get("message").getAsString().contains(PKG + "JavaRules.owned"), f.json().toString());
        assertEquals(1, f.json().getAsJsonArray("findings").size(), f.json().toString());
    }

    @Test
    void objectWait_withAnotherMonitorHeld_isSleepWithLocksHeld_butNotWithOnlyItsOwn() throws Exception {
        Forked f = run("wait", "", "JavaRules", "wait");
        assertEquals(0, f.await(), f.stderr());
        List<JsonObject> found = Forked.findings(f.json(), "SLEEP_WITH_LOCKS_HELD");
        assertEquals(1, found.size(), f.json().toString());
        assertEquals(1, f.json().getAsJsonArray("findings").size(), f.json().toString());
        assertTrue(found.get(0).get("message").getAsString().contains(PKG + "JavaRules.outer"), f.json().toString());
        assertTrue(Forked.strings(found.get(0), "sites").contains(site("JavaRules", "wait")), f.json().toString());
    }

    @Test
    void conditionAwait_withAMonitorHeld_isSleepWithLocksHeld_butNotWithOnlyItsLock() throws Exception {
        Forked f = run("await", "", "JavaRules", "await");
        assertEquals(0, f.await(), f.stderr());
        List<JsonObject> found = Forked.findings(f.json(), "SLEEP_WITH_LOCKS_HELD");
        assertEquals(1, found.size(), f.json().toString());
        assertEquals(1, f.json().getAsJsonArray("findings").size(), f.json().toString());
        assertTrue(Forked.strings(found.get(0), "sites").contains(site("JavaRules", "await")), f.json().toString());
    }

    @Test
    void synchronizedMethodsAndBlocksThatThrow_leaveNothingHeld() throws Exception {
        Forked f = run("exceptions", "", "JavaRules", "exceptions");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("boom") && f.stdout().contains("block"), f.stdout());
        assertSilent(f);
    }

    @Test
    void writeLocksOfTwoReadWriteLocks_inBothOrders_areAReversal() throws Exception {
        Forked f = run("rw", "", "JavaRules", "rw");
        assertEquals(0, f.await(), f.stderr());
        // parameters at the acquire sites: named by the fields the locks were stored into when made
        List<String> locks = Forked.strings(reversal(f), "locks");
        assertTrue(locks.containsAll(List.of(PKG + "JavaRules.rwA", PKG + "JavaRules.rwB")) && locks.size() == 2,
                f.json().toString());
    }

    @Test
    void stampedLock_aSecondReadAndAReadThenWrite_inOneThread_areRecursion() throws Exception {
        Forked f = run("stamped", "", "JavaRules", "stamped");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("the write was interrupted"), f.stdout());
        List<JsonObject> found = Forked.findings(f.json(), "RECURSION");
        assertEquals(2, found.size(), f.json().toString());
        assertEquals(2, f.json().getAsJsonArray("findings").size(), f.json().toString());
        String all = found.toString();
        assertTrue(all.contains(PKG + "JavaRules.stamps"), all);
        assertTrue(all.contains(site("JavaRules", "secondRead")) && all.contains(site("JavaRules", "readThenWrite")),
                all);
        assertTrue(all.contains("second read queues behind") && all.contains("not reentrant"), all);
    }

    @Test
    void aRealDeadlockOfMonitors_isFoundByTheWatchdog_andTheJvmEnds() throws Exception {
        Forked f = run("deadlock-monitors", "", "RealDeadlock", "monitors");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("main returns"), f.stdout());
        assertDeadlock(f, "DEFAULT");
    }

    @Test
    void aRealDeadlockOfReentrantLocks_isFoundByTheWatchdog() throws Exception {
        Forked f = run("deadlock-locks", "", "RealDeadlock", "locks");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("interrupted dl-a") && f.stdout().contains("went on dl-b"), f.stdout());
        assertDeadlock(f, "LOCKS");
    }

    private static void assertDeadlock(Forked f, String which) throws IOException {
        List<JsonObject> found = Forked.findings(f.json(), "DEADLOCK");
        assertEquals(1, found.size(), f.json().toString());
        List<String> locks = Forked.strings(found.get(0), "locks");
        List<String> expected = which.equals("LOCKS")
                ? List.of(PKG + "RealDeadlock.first", PKG + "RealDeadlock.second")
                : List.of(PKG + "RealDeadlock.left", PKG + "RealDeadlock.right");
        assertTrue(locks.containsAll(expected) && locks.size() == 2, locks.toString());
        assertTrue(Forked.strings(found.get(0), "threads").containsAll(List.of("dl-a", "dl-b")), found.toString());
        reversal(f);
        assertDeadlockSites(found.get(0), which.equals("LOCKS") ? List.of("First", "Second") : List.of("Left", "Right"));
    }

    /** Where each thread took the lock it holds and where it waits for the other's, in the sites and the message. */
    private static void assertDeadlockSites(JsonObject deadlock, List<String> locks) throws IOException {
        List<String> sites = Forked.strings(deadlock, "sites");
        String message = deadlock.get("message").getAsString();
        for (String lock : locks) {
            String held = site("RealDeadlock", "holds" + lock);
            assertTrue(sites.contains(held) && message.contains("locked @ " + held), deadlock.toString());
            String waits = site("RealDeadlock", "waits" + lock);
            assertTrue(sites.contains(waits), deadlock.toString());
            assertFalse(message.contains("locked @ " + waits), "the lock waited for is not held: " + message);
        }
        assertTrue(message.contains("thread dl-a holds:") && message.contains("thread dl-b holds:"), message);
        assertEquals(2, deadlock.getAsJsonArray("stacks").size(), deadlock.toString());
    }

    @Test
    void locksKernel_leavesJavaLocksAlone_andWarnsThatNothingWasWoven() throws Exception {
        Forked f = run("kernel-only", "locks=kernel,fail=all", "LeftRightDeadlock");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
        assertFalse(Files.exists(f.report()));
    }

    @Test
    void javaExclude_leavesTheMatchedClassesAlone() throws Exception {
        Forked f = run("java-exclude", "javaExclude=" + PKG + "*", "LeftRightDeadlock");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
    }

    /** {@code File.java:line} of the line of a driver that carries {@code // SITE:marker}. */
    private static String site(String program, String marker) throws IOException {
        Path src = Path.of("src/test/java/org/lockwitness/jcip", program + ".java");
        List<String> lines = new ArrayList<>(Files.readAllLines(src, StandardCharsets.UTF_8));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker + " in " + src);
    }
}
