package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at 30 random moments while a JVM keeps writing new findings ({@link ReversalStream}), two
 * JVMs at a time: once written, {@code witness.json} always exists, parses strictly and is whole,
 * and every report file states its snapshot number. The seed is in every failure message.
 */
class ReportKillTest {
    private static final int KILLS = 30;
    private static final int MAX_DELAY_MILLIS = 400;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void sigkillAtRandomMoments_alwaysLeavesAWholeWitnessJson() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> kills = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                Path report = dir.resolve("kill-" + k);
                int delay = random.nextInt(MAX_DELAY_MILLIS);
                String what = "seed " + seed + ", kill " + k + " after " + delay + " ms";
                kills.add(pool.submit(() -> {
                    killAndCheck(report, delay, what);
                    return null;
                }));
            }
            for (Future<?> kill : kills) {
                kill.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Kills a {@link ReversalStream} the delay after its first write, when witness.json exists and
     * must go on existing, and checks every file.
     */
    private static void killAndCheck(Path report, int delayMillis, String what) throws Exception {
        killAfter(report, delayMillis);
        JsonObject root = ReportFiles.json(report.resolve("witness.json"));
        assertTrue(root.get("snapshot").getAsLong() > 0, what);
        int pairs = root.getAsJsonArray("lockClasses").size() / 2;
        int findings = root.getAsJsonArray("findings").size();
        assertTrue(findings == pairs || findings == pairs - 1, what + ": " + findings + " of " + pairs);
        checkOtherFiles(report, what);
    }

    private static void killAfter(Path report, int delayMillis) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReversalStream.class.getName(), report.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals(ReversalStream.STARTED, line, "the program did not start");
            Thread.sleep(delayMillis);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed JVM did not end");
        } finally {
            p.destroyForcibly();
        }
    }

    /** Every text and DOT file that exists is whole and states its snapshot number. */
    private static void checkOtherFiles(Path report, String what) throws IOException {
        if (!Files.isDirectory(report)) {
            return;
        }
        try (Stream<Path> files = Files.list(report)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("witness.txt")) {
                    assertTrue(ReportFiles.text(f) > 0, what);
                } else if (name.endsWith(".dot") && !name.startsWith(".")) {
                    assertTrue(ReportFiles.dot(f) > 0, what + ": " + name);
                } else {
                    assertTrue(List.of("witness.json").contains(name) || name.endsWith(".tmp"), what + ": " + name);
                }
            }
        }
    }
}
