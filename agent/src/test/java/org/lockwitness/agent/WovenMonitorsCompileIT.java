package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Woven {@code synchronized} code stays compilable. An invoke that can throw outside the range
 * whose handler releases a monitor, or inside a handler that covers itself, makes C2 refuse the
 * method (unbalanced monitors) or C1 give up on it, and such a method runs interpreted for ever:
 * the lock pair cost microseconds instead of nanoseconds. With {@code -Xbatch} every compilation
 * finishes before the program goes on, so the log is the same on every run.
 */
@Timeout(120)
class WovenMonitorsCompileIT {

    private static final String CLASS = "org.lockwitness.jcip.HotMonitors::";

    @Test
    void nestedThrowingAndMethodMonitors_areCompiledByBothTiers_andNeverSkipped() throws Exception {
        Path dir = Forked.dir("hot-monitors");
        Forked f = Forked.run(dir, List.of(Forked.FULL_JIT, Forked.agent(dir, "locks=java"), "-Xbatch",
                "-XX:+PrintCompilation"), false,
                "org.lockwitness.jcip.HotMonitors");
        assertEquals(0, f.await(), f.stderr());
        List<String> ours = f.stdout().lines().filter(l -> l.contains(CLASS)).collect(Collectors.toList());
        String log = String.join("\n", ours);
        assertTrue(ours.stream().noneMatch(l -> l.contains("SKIPPED") || l.contains("not compilable")), log);
        for (String method : List.of("nested", "throwing", "method")) {
            for (String tier : List.of("3", "4")) {
                assertTrue(ours.stream().anyMatch(l -> compiledAt(l, method, tier)), method + " at tier " + tier
                        + ":\n" + log);
            }
        }
    }

    /** A PrintCompilation line: time, id, flags, tier, {@code Class::method (size)}. */
    private static boolean compiledAt(String line, String method, String tier) {
        String[] words = line.trim().split("\\s+");
        int at = -1;
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals(CLASS + method)) {
                at = i;
            }
        }
        return at > 0 && words[at - 1].equals(tier) && !line.contains("made not entrant");
    }
}
