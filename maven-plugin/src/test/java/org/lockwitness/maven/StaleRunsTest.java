package org.lockwitness.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRunsTest {
    @TempDir
    Path dir;

    @Test
    void removesRunDirectoriesOnly() throws IOException {
        Path json = Files.createDirectories(dir.resolve("1234"));
        Files.writeString(json.resolve("witness.json"), "{}");
        Files.createDirectories(json.resolve("nested"));
        Path txt = Files.createDirectories(dir.resolve("5678"));
        Files.writeString(txt.resolve("witness.txt"), "x");
        Path other = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(other.resolve("readme.txt"), "kept");
        Files.writeString(dir.resolve("lockwitness.sarif"), "{}");

        assertEquals(2, StaleRuns.clear(dir));

        assertFalse(Files.exists(json));
        assertFalse(Files.exists(txt));
        assertTrue(Files.isRegularFile(other.resolve("readme.txt")));
        assertTrue(Files.isRegularFile(dir.resolve("lockwitness.sarif")));
    }

    @Test
    void aMissingDirectoryHasNothingToClear() throws IOException {
        assertEquals(0, StaleRuns.clear(dir.resolve("absent")));
    }
}
