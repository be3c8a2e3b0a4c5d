package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockwitness.kernel.probe.Checker;

/** Where demo finds the command line's jar for the HTML reports (issue 20). */
class HtmlReportsTest {
    @TempDir
    Path tmp;

    @Test
    void theCliJar_isFoundBesideTheAgentJar_orInTheSourceTreeNextToIt_orNotAtAll() throws Exception {
        Path tree = tmp.resolve("tree");
        Path agent = Files.createDirectories(tree.resolve("agent").resolve("target")).resolve("lockwitness-agent.jar");
        Files.writeString(agent, "");
        Launcher launcher = new Launcher("java", Checker.none(), Optional.of("-javaagent:" + agent + "=report=r"),
                List.of("-jar", "s.jar"));
        Assumptions.assumeTrue(System.getProperty("lockwitness.cli.jar") == null, "the property names the jar");
        assertTrue(HtmlReports.find(launcher).isEmpty());

        Path inTree = Files.createDirectories(tree.resolve("cli").resolve("target")).resolve(HtmlReports.JAR);
        Files.writeString(inTree, "");
        assertEquals(inTree, HtmlReports.find(launcher).orElseThrow().jar().normalize());
        Path beside = agent.resolveSibling(HtmlReports.JAR);
        Files.writeString(beside, "");
        assertEquals(beside, HtmlReports.find(launcher).orElseThrow().jar());
    }
}
