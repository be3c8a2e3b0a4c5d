package org.lockwitness.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's verdicts on what the command line answers; the findings themselves are the invoker tests'. */
class CheckMojoTest {
    @TempDir
    Path dir;

    private CheckMojo mojo() {
        CheckMojo m = new CheckMojo();
        m.reportDirectory = dir.resolve("lockwitness").toFile();
        m.failOn = "all";
        return m;
    }

    @Test
    void noDataPassesUnlessRequired() {
        assertDoesNotThrow(() -> mojo().execute());
        CheckMojo required = mojo();
        required.requireData = true;
        MojoExecutionException e = assertThrows(MojoExecutionException.class, required::execute);
        assertTrue(e.getMessage().contains("exit status 3") && e.getMessage().contains("no data"), e.getMessage());
    }

    @Test
    void anUnknownRuleIsABuildError() {
        CheckMojo m = mojo();
        m.failOn = "NO_SUCH_RULE";
        MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
        assertTrue(e.getMessage().contains("exit status 2") && e.getMessage().contains("NO_SUCH_RULE"), e.getMessage());
    }

    @Test
    void skipRunsNothing() {
        CheckMojo m = mojo();
        m.requireData = true;
        m.skip = true;
        assertDoesNotThrow(m::execute);
    }

    @Test
    void aFailingCheck_printsEachFindingLineOnce_inTheFailure() throws IOException {
        Path run = Files.createDirectories(dir.resolve("lockwitness/1234"));
        Files.writeString(run.resolve("witness.json"), """
                {"lockClasses": [{"name": "A", "kind": "sleep mutex"}, {"name": "B", "kind": "sleep mutex"}],
                 "edges": [],
                 "findings": [{"rule": "LOCK_ORDER_REVERSAL", "message": "lock order reversal: A -> B",
                               "locks": ["A", "B"], "sites": ["T.java:3"]}]}
                """, StandardCharsets.UTF_8);
        CheckMojo m = mojo();
        List<String> logged = new ArrayList<>();
        m.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                logged.add(content.toString());
            }

            @Override
            public void warn(CharSequence content) {
                logged.add(content.toString());
            }

            @Override
            public void error(CharSequence content) {
                logged.add(content.toString());
            }
        });
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        String line = "LOCK_ORDER_REVERSAL LOCK_ORDER_REVERSAL|lock=A (sleep mutex)|lock=B (sleep mutex): "
                + "lock order reversal: A -> B @ T.java:3";
        assertTrue(e.getMessage().lines().anyMatch(line::equals), e.getMessage());
        assertTrue(e.getMessage().contains("lockwitness: FAILED: LOCK_ORDER_REVERSAL"), e.getMessage());
        assertEquals(List.of(), logged.stream().filter(l -> l.contains("LOCK_ORDER_REVERSAL")).toList(),
                "Maven prints the failure's message; the same lines logged too would print them twice");
    }
}
