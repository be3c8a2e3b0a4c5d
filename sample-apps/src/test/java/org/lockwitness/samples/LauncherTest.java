package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding the agent among the JVM's arguments, and the commands built from it. */
class LauncherTest {

    @Test
    void the_lockwitness_agent_is_preferred_among_several() {
        List<String> args = List.of("-Xmx1g", "-javaagent:/opt/jacoco.jar=destfile=x",
                "-javaagent:/a b/lockwitness-agent.jar=report=r,windows=lines");
        assertEquals(Optional.of("-javaagent:/a b/lockwitness-agent.jar=report=r,windows=lines"),
                Launcher.agentArgument(args));
        assertEquals(Path.of("/a b/lockwitness-agent.jar"),
                Launcher.jarOf("-javaagent:/a b/lockwitness-agent.jar=report=r,windows=lines"));
        assertEquals(Optional.empty(), Launcher.agentArgument(List.of("-Xmx1g")));
    }

    @Test
    void commands_reuse_the_agent_jar_with_other_options_and_replays_quote_shell_words() {
        Launcher l = new Launcher("/jdk/bin/java", Optional.of("-javaagent:/x/lockwitness-agent.jar=report=a b"),
                List.of("-jar", "/x/lockwitness-samples.jar"));
        assertEquals(List.of("/jdk/bin/java", "-javaagent:/x/lockwitness-agent.jar=report=d", "-jar",
                "/x/lockwitness-samples.jar", "run", "w"), l.command("report=d", List.of("run", "w")));
        assertEquals("/jdk/bin/java '-javaagent:/x/lockwitness-agent.jar=report=a b' -jar /x/lockwitness-samples.jar"
                + " run w --seed 3", l.replay(List.of("run", "w", "--seed", "3")));
    }
}
