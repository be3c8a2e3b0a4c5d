package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as CI runs it: {@code java -jar lockwitness-cli.jar ...}. */
class CliJarIT {
    @TempDir
    Path tmp;

    private record Run(int status, String out) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("lockwitness.cli.jar")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        return new Run(p.exitValue(), out);
    }

    @Test
    void theJar_checksMergesAndExitsByTheTable() throws IOException, InterruptedException {
        Fixtures.run(tmp.resolve("runs/one")).nest("A.java", 10, "x", "y").write();
        Fixtures.run(tmp.resolve("runs/two")).nest("B.java", 50, "y", "x").write();
        String runs = tmp.resolve("runs").toString();
        Run check = java("check", runs, "--fail", "all", "--sarif", tmp.resolve("l.sarif").toString(), "--junit",
                tmp.resolve("l.xml").toString());
        assertEquals(1, check.status(), check.out());
        assertTrue(check.out().contains("lockwitness: FAILED: LOCK_ORDER_REVERSAL"), check.out());
        assertTrue(Files.size(tmp.resolve("l.sarif")) > 0 && Files.size(tmp.resolve("l.xml")) > 0);
        Run merge = java("merge", runs, "--out", tmp.resolve("merged").toString());
        assertEquals(0, merge.status(), merge.out());
        assertTrue(Files.readString(tmp.resolve("merged/witness.txt")).contains("lock order reversal across runs"));
        Run usage = java("check", runs, "--bogus");
        assertEquals(2, usage.status(), usage.out());
        assertTrue(usage.out().contains("Usage: lockwitness-cli check"), usage.out());
        Run version = java("--version");
        assertEquals(0, version.status(), version.out());
        assertTrue(version.out().startsWith("lockwitness-cli " + Version.TOOL), version.out());
    }
}
