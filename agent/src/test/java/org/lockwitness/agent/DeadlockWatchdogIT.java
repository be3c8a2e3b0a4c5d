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
        assertMethodDeadlock("jlocks-method-deadlock");
    }

    /**
     * The threads meet without a wait the hooks see, so each holds its node only as the newest
     * hold of its mirror, which no published wait has moved into the arrays.
     */
    @Test
    void threadsThatHoldTheirNodeOnlyAsTheirNewestHold_areStillSeenAsItsHolders() throws Exception {
        assertMethodDeadlock("jlocks-method-deadlock-spin", "spin");
    }

    private static void assertMethodDeadlock(String name, String... mode) throws Exception {
        Path dir = Forked.dir(name);
        List<String> args = new ArrayList<>(List.of("report/witness.json"));
        args.addAll(List.of(mode));
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), false, PKG + "MethodDeadlock",
                args.toArray(String[]::new));
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

    /** {@code MethodDeadlock.java:line} of the driver's line that carries {@code // SITE:marker}. */
    private static String site(String marker) throws IOException {
        Path src = Path.of("src/test/java/org/lockwitness/jcip/MethodDeadlock.java");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker + " in " + src);
    }
}
