package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Java locks on virtual threads, in forked JVMs (Java 21+: compiled and run only by the
 * {@code jdk21-tests} profile). The JDK's {@code ThreadMXBean.findDeadlockedThreads} does not see
 * virtual threads; the watchdog, which reads the agent's own per-thread state, does.
 */
@Timeout(120)
class VirtualThreadsJdk21IT {

    private static final String PKG = JavaLocksAlongsideIT.PKG;

    @Test
    void synchronizedAbbaOnTwoOverlappingVirtualThreads_isAReversal_andEndedThreadsAreDropped() throws Exception {
        Path dir = Forked.dir("jlocks-virtual-abba");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), false, PKG + "VirtualThreads", "abba");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("short-lived threads: 1000"), f.stdout());
        JsonObject json = f.json();
        List<JsonObject> lor = Forked.findings(json, "LOCK_ORDER_REVERSAL");
        assertEquals(1, lor.size(), json.toString());
        assertEquals(1, json.getAsJsonArray("findings").size(), json.toString());
        assertEquals(Set.of(PKG + "VirtualThreads.left", PKG + "VirtualThreads.right"),
                new TreeSet<>(Forked.strings(lor.get(0), "locks")));
        List<String> sites = Forked.strings(lor.get(0), "sites");
        assertTrue(sites.containsAll(List.of(site("ab"), site("ba"))), sites.toString());
        JavaLocksAlongsideIT.assertThreadHandlesDropped(json);
    }

    @Test
    void aRealDeadlockOfTwoVirtualThreads_isReportedWithTheirSites_beforeTheJvmIsKilled() throws Exception {
        Path dir = Forked.dir("jlocks-virtual-deadlock");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), false, PKG + "VirtualThreads", "deadlock",
                "report/witness.json");
        assertEquals(3, f.await(), f.stdout() + f.stderr());
        assertTrue(f.stdout().contains("deadlock reported while both threads are blocked"), f.stdout());
        List<JsonObject> found = Forked.findings(f.json(), "DEADLOCK");
        assertEquals(1, found.size(), f.json().toString());
        JsonObject d = found.get(0);
        assertEquals(Set.of(PKG + "VirtualThreads.first", PKG + "VirtualThreads.second"),
                new TreeSet<>(Forked.strings(d, "locks")));
        List<String> threads = Forked.strings(d, "threads");
        assertEquals(2, threads.size(), threads.toString());
        assertTrue(threads.contains("v-dl-a"), threads.toString());
        assertTrue(threads.stream().anyMatch(t -> t.matches("#\\d+")), "the unnamed thread is #id: " + threads);
        List<String> sites = Forked.strings(d, "sites");
        assertTrue(sites.containsAll(List.of(site("holdsFirst"), site("waitsSecond"), site("holdsSecond"),
                site("waitsFirst"))), sites.toString());
        String message = d.get("message").getAsString();
        assertTrue(message.contains("thread v-dl-a waits for \"" + PKG + "VirtualThreads.second\"")
                && message.contains("@ " + site("waitsSecond")), message);
        assertTrue(message.contains("thread v-dl-a holds:") && message.contains("locked @ " + site("holdsFirst")),
                message);
        String stacks = d.get("stacks").toString();
        assertTrue(stacks.contains("VirtualThreads.firstThenSecond") && stacks.contains("VirtualThreads.secondThenFirst"),
                stacks);
    }

    @Test
    void aRealDeadlockOfTwoVirtualThreadsInSynchronizedBlocks_showsEachWaitingForTheMonitorItIsEntering()
            throws Exception {
        Path dir = Forked.dir("jlocks-virtual-monitor-deadlock");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), false, PKG + "VirtualThreads", "monitor-deadlock",
                "report/witness.json");
        assertEquals(3, f.await(), f.stdout() + f.stderr());
        List<JsonObject> found = Forked.findings(f.json(), "DEADLOCK");
        assertEquals(1, found.size(), f.json().toString());
        JsonObject d = found.get(0);
        assertEquals(Set.of(PKG + "VirtualThreads.left", PKG + "VirtualThreads.right"),
                new TreeSet<>(Forked.strings(d, "locks")));
        String message = d.get("message").getAsString();
        assertTrue(message.contains("thread v-dl-a waits for \"" + PKG + "VirtualThreads.right\"")
                && message.contains("@ " + site("waitsRight")), message);
        assertTrue(message.contains("locked @ " + site("holdsLeft"))
                && message.contains("locked @ " + site("holdsRight")), message);
        assertFalse(message.contains("locked @ " + site("waitsRight"))
                || message.contains("locked @ " + site("waitsLeft")), "a monitor being entered is not held: " + message);
    }

    /** {@code VirtualThreads.java:line} of the driver's line that carries {@code // SITE:marker}. */
    private static String site(String marker) throws IOException {
        Path src = Path.of("src/test-jdk21/java/org/lockwitness/jcip/VirtualThreads.java");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker + " in " + src);
    }
}
