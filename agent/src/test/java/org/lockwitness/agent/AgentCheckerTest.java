package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;

/** The model's checker SPI as the agent answers it: rendering its own argument, its options, its windows. */
class AgentCheckerTest {

    private static final Path JAR = Path.of("/opt/lw/lockwitness-agent.jar").toAbsolutePath();

    private static AgentChecker checker(String options, Optional<Path> jar) throws Exception {
        return new AgentChecker(Witness.create(WitnessOptions.defaults()), AgentOptions.parse(options), jar, () -> { });
    }

    @Test
    void javaAgentArgument_isTheAgentsOwnJarWithTheGivenOptions() throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("report", "/tmp/x,y");
        options.put("windows", "lines");
        assertEquals(Optional.of("-javaagent:" + JAR + "=report=/tmp/x,y,windows=lines"),
                checker("", Optional.of(JAR)).javaAgentArgument(options));
        assertThrows(IllegalArgumentException.class,
                () -> checker("", Optional.of(JAR)).javaAgentArgument(Map.of("windwos", "lines")));
        assertEquals(Optional.empty(), checker("", Optional.empty()).javaAgentArgument(options));
    }

    @Test
    void agentOptions_relaunchTheSameAgentFromAnyDirectory() throws Exception {
        AgentChecker c = checker("report=r,windows=off", Optional.of(JAR));
        Map<String, String> options = c.agentOptions();
        assertEquals(Path.of("r").toAbsolutePath().toString(), options.get("report"));
        assertTrue(Path.of(options.get("report")).isAbsolute());
        assertEquals("off", options.get("windows"));
        assertEquals(Optional.of("-javaagent:" + JAR + "=report=" + Path.of("r").toAbsolutePath() + ",windows=off"),
                c.javaAgentArgument(options));
    }

    @Test
    void windows_areThoseOfTheOptions() throws Exception {
        assertEquals(Checker.Windows.PROBES, checker("", Optional.empty()).windows());
        assertEquals(Checker.Windows.LINES, checker("windows=lines", Optional.empty()).windows());
        assertEquals(Checker.Windows.OFF, checker("windows=off", Optional.empty()).windows());
    }
}
