package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deadlock watchdog on the one wait the hooks cannot publish, a thread blocked entering a
 * {@code synchronized} method, in a forked JVM ({@code JavaLocksIT} has the deadlocks of
 * {@code synchronized} blocks and {@code ReentrantLock}s, {@code VirtualThreadsJdk21IT} those of
 * virtual threads).
 */
@Timeout(120)
class DeadlockWatchdogIT {

    private static final String PKG = JavaLocksAlongsideIT.PKG;

    @Test
    void twoThreadsBlockedEnteringSynchronizedMethods_areADeadlock_atTheMethodsTheyBlockIn() throws Exception {
        Path dir = Forked.dir("jlocks-method-deadlock");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), false, PKG + "MethodDeadlock",
                "report/witness.json");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("deadlock reported"), f.stdout());
        List<JsonObject> found = Forked.findings(f.json(), "DEADLOCK");
        assertEquals(1, found.size(), f.json().toString());
        JsonObject d = found.get(0);
        assertEquals(List.of(PKG + "MethodDeadlock$Node", PKG + "MethodDeadlock$Node"), Forked.strings(d, "locks"));
        assertTrue(Forked.strings(d, "threads").containsAll(List.of("dm-a", "dm-b")), d.toString());
        String message = d.get("message").getAsString();
        assertTrue(message.contains("held by thread dm-b @ " + site("waits")), message);
        assertTrue(message.contains("held by thread dm-a @ " + site("waits")), message);
        assertTrue(message.contains("thread dm-a holds:") && message.contains("locked @ " + site("holds")), message);
        assertTrue(Forked.strings(d, "sites").contains(site("holds")), d.toString());
    }

    @Test
    void threadsThatHoldTheirNodeOnlyAsTheirNewestHold_areStillSeenAsItsHolders() throws Exception {
        Path dir = Forked.dir("jlocks-method-deadlock-no-wait");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), false, PKG + "MethodDeadlockNoWait",
                "report/witness.json");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("deadlock reported"), f.stdout());
        List<JsonObject> found = Forked.findings(f.json(), "DEADLOCK");
        assertEquals(1, found.size(), f.json().toString());
        JsonObject d = found.get(0);
        assertEquals(List.of(PKG + "MethodDeadlockNoWait$Node", PKG + "MethodDeadlockNoWait$Node"),
                Forked.strings(d, "locks"));
        assertTrue(Forked.strings(d, "threads").containsAll(List.of("dn-a", "dn-b")), d.toString());
        String message = d.get("message").getAsString();
        assertTrue(message.contains("thread dn-a holds:") && message.contains("thread dn-b holds:"), message);
        assertTrue(Forked.strings(d, "sites").contains(site("MethodDeadlockNoWait", "holds")), d.toString());
    }

    /** {@code MethodDeadlock.java:line} of the driver's line that carries {@code // SITE:marker}. */
    private static String site(String marker) throws IOException {
        return site("MethodDeadlock", marker);
    }

    /** {@code Driver.java:line} of the driver's line that carries {@code // SITE:marker}. */
    private static String site(String driver, String marker) throws IOException {
        Path src = Path.of("src/test/java/org/lockwitness/jcip/" + driver + ".java");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker + " in " + src);
    }
}
