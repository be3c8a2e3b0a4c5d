package org.lockwitness.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.maven.plugin.MojoExecutionException;
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
}
