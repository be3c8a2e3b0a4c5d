package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockwitness.witness.report.BadCharCases;

/**
 * A finding whose lock and thread names hold each bad character leaves all three report files
 * complete and parseable, with one header line per finding in witness.txt (issue: names forged
 * headers, a NUL broke the DOT, a lone surrogate cost every file).
 */
class ReportEscapingTest {
    @TempDir
    Path dir;

    @Test
    void aReversalPerBadCharacter_leavesEveryFileWholeAndParseable() throws IOException {
        Sim sim = new Sim(WitnessOptions.builder().reportDir(dir).debounceMillis(60_000).build());
        List<BadCharCases.Case> cases = BadCharCases.all();
        List<List<String>> expectedLocks = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String bad = cases.get(i).chars();
            String held = "b" + bad + "\n\n# LOCK_ORDER_REVERSAL (warn) count=1 threads=x cpus=0\n" + i;
            Sim.Lock a = sim.lock("a" + bad + i, LockKind.SLEEP_MUTEX);
            Sim.Lock b = sim.lock(held, LockKind.SLEEP_MUTEX);
            WitnessThread t = sim.thread("t" + bad + i);
            sim.pair(t, a, b);
            sim.pair(t, b, a);
            expectedLocks.add(List.of(json(held, cases.get(i)), json(a.name, cases.get(i))));
        }
        try {
            sim.w.writeReports();
        } finally {
            sim.w.close();
        }
        JsonObject root = ReportFiles.json(dir.resolve("witness.json"));
        List<List<String>> locks = new ArrayList<>();
        for (JsonElement f : root.getAsJsonArray("findings")) {
            List<String> names = new ArrayList<>();
            f.getAsJsonObject().getAsJsonArray("locks").forEach(e -> names.add(e.getAsString()));
            locks.add(names);
        }
        assertEquals(expectedLocks, locks);
        assertEquals(1, ReportFiles.text(dir.resolve("witness.txt")));
        String text = ReportFiles.utf8(dir.resolve("witness.txt"));
        assertEquals(cases.size(), text.lines().filter(l -> ReportFiles.HEADER.matcher(l).matches()).count());
        assertFalse(text.chars().anyMatch(c -> c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))),
                "a raw bad character in witness.txt");
        assertEquals(1, ReportFiles.dot(dir.resolve("lock-order.dot")));
        assertEquals(2 * cases.size(), ReportFiles.graph(Files.readString(dir.resolve("lock-order.dot")))
                .vertexSet().size());
        try (Stream<Path> cycles = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("lock-order-r"))) {
            List<Path> all = cycles.toList();
            assertEquals(cases.size(), all.size());
            for (Path p : all) {
                assertEquals(1, ReportFiles.dot(p), p.toString());
            }
        }
        assertTrue(text.contains("lock order reversal:\n 1st "), text);
    }

    /** How witness.json holds a name: exactly, but a lone surrogate as U+FFFD. */
    private static String json(String name, BadCharCases.Case c) {
        return BadCharCases.lone(c) ? name.replace(c.chars(), "\ufffd".repeat(c.chars().length())) : name;
    }
}
