package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Read/write and stamped locks under the agent with the JDK's semantics, in two forked JVMs
 * ({@code org.lockwitness.jcip.ReadWriteStamped}): what the JDK allows is silent, what deadlocks
 * is reported.
 */
@Timeout(120)
class ReadWriteStampedIT {

    private static final String PKG = "org.lockwitness.jcip.";

    private static Forked run(String name, String options, String... args) throws Exception {
        Path dir = Forked.dir("rwstamp-" + name);
        return Forked.run(dir, List.of(Forked.agent(dir, options)), false, PKG + "ReadWriteStamped", args);
    }

    @Test
    void stampsReleasedByAnotherThread_conversions_aDowngrade_aSecondRead_andAcquiresTheWeavingCannotSee_areSilent()
            throws Exception {
        Forked f = run("legal", "fail=all", "legal");
        assertEquals(0, f.await(), f.stderr() + f.json());
        assertTrue(f.stdout().contains("converted") && f.stdout().contains("done legal"), f.stdout());
        assertEquals(0, f.json().getAsJsonArray("findings").size(), f.json().toString());
        assertTrue(!f.stderr().contains("NO PROBE WAS WOVEN") && !f.stderr().contains("cannot open"), f.stderr());
    }

    @Test
    void readThenWriteOfOneReadWriteLock_alsoAfterADowngrade_andAReadReadCycleAcrossTwo_areReported() throws Exception {
        Forked f = run("deadlocks", "", "deadlocks");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("the write was interrupted")
                && f.stdout().contains("the write after the downgrade was interrupted"), f.stdout());
        assertEquals(3, f.json().getAsJsonArray("findings").size(), f.json().toString());

        List<JsonObject> recursion = Forked.findings(f.json(), "RECURSION");
        assertEquals(2, recursion.size(), f.json().toString());
        List<String> sites = new ArrayList<>();
        for (JsonObject r : recursion) {
            String message = r.get("message").getAsString();
            assertTrue(message.contains("write lock of ReentrantReadWriteLock " + PKG + "ReadWriteStamped.upgraded"),
                    message);
            assertTrue(message.contains("no upgrade, the thread deadlocks itself"), message);
            sites.addAll(Forked.strings(r, "sites"));
        }
        assertTrue(sites.containsAll(List.of(site("readThenWrite"), site("writeAfterDowngrade"))), sites.toString());

        List<JsonObject> lor = Forked.findings(f.json(), "LOCK_ORDER_REVERSAL");
        assertEquals(1, lor.size(), f.json().toString());
        List<String> locks = Forked.strings(lor.get(0), "locks");
        assertTrue(locks.containsAll(List.of(PKG + "ReadWriteStamped.left", PKG + "ReadWriteStamped.right"))
                && locks.size() == 2, locks.toString());
        List<String> lorSites = Forked.strings(lor.get(0), "sites");
        assertTrue(lorSites.contains(site("leftRight")) && lorSites.contains(site("rightLeft")), lorSites.toString());
    }

    @Test
    void theHalvesOfOneReadWriteLockHeldInTwoFields_areOneLockNamedByItsOwnField() throws Exception {
        Forked f = run("halves", "", "halves");
        assertEquals(0, f.await(), f.stderr());
        List<JsonObject> lor = Forked.findings(f.json(), "LOCK_ORDER_REVERSAL");
        assertEquals(1, lor.size(), f.json().toString());
        List<String> locks = Forked.strings(lor.get(0), "locks");
        assertEquals(2, locks.size(), locks.toString());
        assertTrue(locks.containsAll(List.of(PKG + "ReadWriteStamped.halved", PKG + "ReadWriteStamped.between")),
                locks.toString());
        List<String> sites = Forked.strings(lor.get(0), "sites");
        assertTrue(sites.contains(site("readThenBetween")) && sites.contains(site("betweenThenWrite")), sites.toString());
    }

    private static String site(String marker) throws IOException {
        Path src = Path.of("src/test/java/org/lockwitness/jcip/ReadWriteStamped.java");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker + " in " + src);
    }
}
