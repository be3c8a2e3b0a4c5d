package org.lockwitness.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AgentArgLineTest {
    @Test
    void reportDirectoryPerJvmFirstThenTheOptionsGiven() {
        assertEquals("report=" + Path.of("/b/target/lockwitness", "{pid}") + ",windows=lines,fail=all,config="
                        + Path.of("/b/lw.conf") + ",javaInclude=com.example.*,stacks=8",
                AgentArgLine.options(Path.of("/b/target/lockwitness"), "lines", " all ", Path.of("/b/lw.conf"),
                        "com.example.*", " stacks=8 "));
    }

    @Test
    void unsetOptionsAreLeftToTheAgent() {
        assertEquals("report=" + Path.of("/t", "{pid}"), AgentArgLine.options(Path.of("/t"), null, "", null, null, " "));
    }

    @Test
    void appendsToAnExistingValue() {
        assertEquals("-Xmx1g -ea -javaagent:/a/agent.jar=report=/t/{pid}",
                AgentArgLine.append(" -Xmx1g -ea ", Path.of("/a/agent.jar"), "report=/t/{pid}"));
    }

    @Test
    void standsAloneWithoutAnExistingValue() {
        assertEquals("-javaagent:/a/agent.jar=report=/t/{pid}",
                AgentArgLine.append(null, Path.of("/a/agent.jar"), "report=/t/{pid}"));
        assertEquals("-javaagent:/a/agent.jar=report=/t/{pid}",
                AgentArgLine.append("  ", Path.of("/a/agent.jar"), "report=/t/{pid}"));
    }

    @Test
    void quotedWhenAPathHasABlank() {
        assertEquals("-ea \"-javaagent:/my repo/agent.jar=report=/t/{pid}\"",
                AgentArgLine.append("-ea", Path.of("/my repo/agent.jar"), "report=/t/{pid}"));
    }
}
