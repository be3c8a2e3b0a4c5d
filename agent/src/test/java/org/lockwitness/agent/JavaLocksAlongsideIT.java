package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java-lock weaving under other conditions, one forked JVM each, all running the same
 * representative drivers ({@code org.lockwitness.jcip.Representative}): with {@code -Xverify:all},
 * where a woven class the verifier rejects ends the program with a {@code VerifyError}; and with
 * JaCoCo's agent before ours and after it. Each also checks that the witness drops the handles of
 * ended threads ({@code ShortLived}).
 */
@Timeout(120)
class JavaLocksAlongsideIT {

    static final String PKG = "org.lockwitness.jcip.";

    @Test
    void underVerifyAll_everyWovenClassVerifies_andTheFindingsAreTheSame() throws Exception {
        Path dir = Forked.dir("jlocks-verify-all");
        Forked f = Forked.run(dir, List.of("-Xverify:all", Forked.agent(dir, "")), false, PKG + "Representative");
        assertRepresentative(f);
    }

    @Test
    void withJacocosAgentFirst_theFindingsAreTheSame_andJacocoWritesItsCoverage() throws Exception {
        Path dir = Forked.dir("jlocks-jacoco-first");
        Forked f = Forked.run(dir, List.of(jacoco(dir), Forked.agent(dir, "")), false, PKG + "Representative");
        assertRepresentative(f);
        assertCovered(dir);
    }

    @Test
    void withJacocosAgentSecond_theFindingsAreTheSame_andJacocoWritesItsCoverage() throws Exception {
        Path dir = Forked.dir("jlocks-jacoco-second");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, ""), jacoco(dir)), false, PKG + "Representative");
        assertRepresentative(f);
        assertCovered(dir);
    }

    private static void assertRepresentative(Forked f) throws Exception {
        assertEquals(0, f.await(), f.stderr());
        assertFalse(f.stderr().contains("VerifyError") || f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
        String out = f.stdout();
        assertTrue(out.contains("boom") && out.contains("block") && out.contains("the write was interrupted")
                && out.contains("short-lived threads: 1000") && out.contains("wide frames: 1023 8.0"), out);
        JsonObject json = f.json();
        List<Set<String>> reversals = new ArrayList<>();
        for (JsonObject lor : Forked.findings(json, "LOCK_ORDER_REVERSAL")) {
            reversals.add(new TreeSet<>(Forked.strings(lor, "locks")));
        }
        for (Set<String> expected : List.of(Set.of(PKG + "LeftRightDeadlock.left", PKG + "LeftRightDeadlock.right"),
                Set.of(PKG + "CooperatingDeadlock$Taxi", PKG + "CooperatingDeadlock$Dispatcher"),
                Set.of(PKG + "LockAbba.first", PKG + "LockAbba.second"),
                Set.of(PKG + "JavaRules.rwA", PKG + "JavaRules.rwB"))) {
            assertTrue(reversals.contains(expected), expected + " not among " + reversals);
        }
        assertEquals(2, Forked.findings(json, "RECURSION").size(), json.toString());
        assertEquals(1, Forked.findings(json, "SLEEP_WITH_LOCKS_HELD").size(), json.toString());
        assertThreadHandlesDropped(json);
    }

    /**
     * The witness kept at most a few rounds' worth of the short-lived threads' handles at once,
     * not all thousand, and none of an ended thread at the end.
     */
    static void assertThreadHandlesDropped(JsonObject json) {
        JsonObject runs = json.getAsJsonObject("runs");
        int peak = runs.get("maxThreadHandles").getAsInt();
        int last = runs.get("threadHandles").getAsInt();
        assertTrue(peak >= 50 && peak <= 150, "peak thread handles " + peak + ": " + runs);
        assertTrue(last <= 2, "thread handles left " + last + ": " + runs);
    }

    /** JaCoCo's execution data names the drivers' classes, which both agents rewrote. */
    private static void assertCovered(Path dir) throws Exception {
        String exec = new String(Files.readAllBytes(dir.resolve("jacoco.exec")), StandardCharsets.ISO_8859_1);
        assertTrue(exec.contains("org/lockwitness/jcip/LockAbba") && exec.contains("org/lockwitness/jcip/JavaRules"),
                "JaCoCo's coverage misses the drivers");
    }

    /** JaCoCo's runtime agent (a test dependency), writing to {@code dir/jacoco.exec}. */
    private static String jacoco(Path dir) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.contains("org.jacoco.agent") && e.endsWith("runtime.jar")) {
                return "-javaagent:" + e + "=includes=org.lockwitness.jcip.*,destfile=" + dir.resolve("jacoco.exec");
            }
        }
        throw new AssertionError("JaCoCo's runtime agent is not on the test class path");
    }
}
