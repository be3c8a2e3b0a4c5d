package org.lockwitness.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectPackagesTest {
    @TempDir
    Path dir;

    private Path source(String root, String path) throws IOException {
        Path f = dir.resolve(root).resolve(path);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, "// source");
    }

    @Test
    void thePackagesOfMainAndTestSources_nestedOnesFoldedIntoTheOutermost() throws IOException {
        source("main", "com/example/ledger/Ledger.java");
        source("main", "com/example/ledger/io/Journal.java");
        source("main", "com/example/ledgerx/Other.kt");
        source("test", "org/acme/it/LedgerTest.java");
        source("test", "org/acme/package-info.java");
        source("main", "com/example/ledger/notes.txt");
        assertEquals("com.example.ledger.*+com.example.ledgerx.*+org.acme.it.*",
                ProjectPackages.javaInclude(List.of(dir.resolve("main"), dir.resolve("test"), dir.resolve("none"))));
    }

    @Test
    void aSourceInTheDefaultPackage_orNoSourceAtAll_leavesItToTheAgent() throws IOException {
        assertNull(ProjectPackages.javaInclude(List.of(dir.resolve("main"))));
        source("main", "com/example/A.java");
        source("main", "Main.java");
        assertNull(ProjectPackages.javaInclude(List.of(dir.resolve("main"))));
    }
}
