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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blocking waits with a lock held, and locks named by their allocation site, in two forked JVMs
 * without the kernel model ({@code org.lockwitness.jcip.BlockingWaits} and
 * {@code AllocationNaming}).
 */
@Timeout(120)
class JavaWaitsNamingIT {

    private static final String PKG = "org.lockwitness.jcip.";

    private static Forked run(String name, String program) throws Exception {
        Path dir = Forked.dir("jwaits-" + name);
        return Forked.run(dir, List.of(Forked.agent(dir, "")), false, PKG + program);
    }

    @Test
    void everyBlockingWait_withAnyLockHeld_isSleepWithLocksHeld_namingTheCall_andSilentWithNothingHeld()
            throws Exception {
        Forked f = run("blocking", "BlockingWaits");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("done"), f.stdout());
        List<JsonObject> found = Forked.findings(f.json(), "SLEEP_WITH_LOCKS_HELD");
        assertEquals(f.json().getAsJsonArray("findings").size(), found.size(), f.json().toString());
        String[][] expected = {
            {"futureGet", "Future.get", "BlockingWaits.monitor"},
            {"futureTaskTimedGet", "Future.get", "BlockingWaits.monitor"},
            {"completableGet", "Future.get", "BlockingWaits.monitor"},
            {"latchAwait", "CountDownLatch.await", "BlockingWaits.monitor"},
            {"latchTimedAwait", "CountDownLatch.await", "BlockingWaits.monitor"},
            {"barrierAwait", "CyclicBarrier.await", "BlockingWaits.lock"},
            {"semaphoreAcquire", "Semaphore.acquire", "BlockingWaits.lock"},
            {"park", "LockSupport.park", "BlockingWaits.lock"},
            {"parkNanos", "LockSupport.park", "BlockingWaits.lock"},
        };
        assertEquals(expected.length, found.size(), f.json().toString());
        for (String[] e : expected) {
            String site = site("BlockingWaits", e[0]);
            JsonObject finding = found.stream().filter(x -> Forked.strings(x, "sites").contains(site)).findFirst()
                    .orElseThrow(() -> new AssertionError("no finding at " + site + ": " + found));
            String message = finding.get("message").getAsString();
            String words = "Sleeping on \"" + e[1] + "\" with the following non-sleepable locks held:\n";
            assertTrue(message.startsWith(words), message);
            assertEquals(List.of(PKG + e[2]), Forked.strings(finding, "locks"), finding.toString());
        }
        assertFalse(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
    }

    @Test
    void locksNoFieldNames_areNamedByAllocationSite_oneClassPerSite_fieldsFirst() throws Exception {
        Forked f = run("naming", "AllocationNaming");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("done"), f.stdout());
        List<JsonObject> lors = Forked.findings(f.json(), "LOCK_ORDER_REVERSAL");
        assertEquals(f.json().getAsJsonArray("findings").size(), lors.size(), f.json().toString());
        Set<List<String>> cycles = new TreeSet<>((x, y) -> x.toString().compareTo(y.toString()));
        for (JsonObject lor : lors) {
            List<String> locks = new ArrayList<>(Forked.strings(lor, "locks"));
            locks.sort(null);
            cycles.add(locks);
        }
        String factory = site("AllocationNaming", "factory");
        Set<List<String>> expected = new TreeSet<>((x, y) -> x.toString().compareTo(y.toString()));
        expected.add(sorted(site("AllocationNaming", "first"), site("AllocationNaming", "second")));
        expected.add(List.of(factory, factory));
        expected.add(sorted(PKG + "AllocationNaming.guarded", site("AllocationNaming", "local")));
        expected.add(sorted(site("AllocationNaming", "rw"), site("AllocationNaming", "stamped")));
        expected.add(sorted(site("AllocationNaming", "left"), site("AllocationNaming", "right")));
        assertEquals(expected, cycles, f.json().toString());
        assertEquals(5, lors.size(), f.json().toString());
        JsonObject instances = lors.stream().filter(l -> Forked.strings(l, "locks").contains(factory)).findFirst()
                .orElseThrow();
        assertTrue(instances.get("message").getAsString().contains("two instances of one class, nested in both orders"),
                instances.toString());
    }

    private static List<String> sorted(String a, String b) {
        List<String> l = new ArrayList<>(List.of(a, b));
        l.sort(null);
        return l;
    }

    /** {@code File.java:line} of the line of a driver that carries {@code // SITE:marker}. */
    private static String site(String program, String marker) throws IOException {
        Path src = Path.of("src/test/java/org/lockwitness/jcip", program + ".java");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker + " in " + src);
    }
}
