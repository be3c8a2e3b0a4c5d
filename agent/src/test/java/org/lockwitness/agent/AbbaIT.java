package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ABBA across two kernel threads, in forked JVMs. */
class AbbaIT {

    private static final String ABBA = "org.lockwitness.testprograms.Abba";

    @Test
    void underAgent_reportsOneReversalWithTheProgramsOwnSites() throws Exception {
        Path dir = Forked.dir("abba");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, ABBA);
        assertEquals(0, f.await(), f.stderr());
        assertReversal(f);
    }

    @Test
    void aSecondMachine_doesNotInheritTheSpinLocksTheFirstLeftOnItsCpus() throws Exception {
        Path dir = Forked.dir("abba-twice");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, ABBA, "twice");
        assertEquals(0, f.await(), f.stderr());
        assertReversal(f);
    }

    @Test
    void withoutAgent_runsAndWritesNoReport() throws Exception {
        Path dir = Forked.dir("abba-plain");
        Forked f = Forked.run(dir, List.of(), true, ABBA);
        assertEquals(0, f.await(), f.stderr());
        assertEquals("ran COMPLETED", f.stdout().trim());
        assertFalse(Files.exists(f.report()));
        assertFalse(Files.exists(dir.resolve("lockwitness-report")));
    }

    @Test
    void withJacocoAgentToo_stillFindsTheReversal() throws Exception {
        Path dir = Forked.dir("abba-jacoco");
        String jacoco = "-javaagent:" + jacocoJar() + "=destfile=" + dir.resolve("jacoco.exec");
        Forked f = Forked.run(dir, List.of(jacoco, Forked.agent(dir, "")), true, ABBA);
        assertEquals(0, f.await(), f.stderr());
        assertReversal(f);
        assertTrue(Files.size(dir.resolve("jacoco.exec")) > 0, "JaCoCo wrote no coverage");
    }

    static void assertReversal(Forked f) throws Exception {
        JsonObject json = f.json();
        List<JsonObject> lor = Forked.findings(json, "LOCK_ORDER_REVERSAL");
        assertEquals(1, lor.size(), json.toString());
        assertEquals(1, json.getAsJsonArray("findings").size(), json.toString());
        List<String> locks = Forked.strings(lor.get(0), "locks");
        assertTrue(locks.containsAll(List.of("A", "B")) && locks.size() == 2, locks.toString());
        List<String> sites = Forked.strings(lor.get(0), "sites");
        assertTrue(sites.contains(Forked.site("Abba", "BA-A")), sites.toString());
        assertTrue(sites.contains(Forked.site("Abba", "AB")), sites.toString());
        for (String s : sites) {
            assertTrue(s.startsWith("Abba.java:"), "a site outside the program: " + sites);
        }
    }

    private static String jacocoJar() {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.contains("org.jacoco.agent") && e.endsWith("runtime.jar")) {
                return e;
            }
        }
        throw new AssertionError("JaCoCo's runtime agent is not on the test class path");
    }
}
