package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.kernel.probe.ScheduleInfo;

/** Finding the agent among the JVM's arguments, and the commands built from it. */
class LauncherTest {

    /**
     * A checker whose agent renders {@code -javaagent:JAR=k=v,...} as the agent's SPI promises, and
     * runs with the given options.
     */
    private static final class Rendering extends Checker {
        private final String jar;
        private final Map<String, String> running;

        Rendering(String jar, Map<String, String> running) {
            this.jar = jar;
            this.running = running;
        }

        @Override
        public boolean isPresent() {
            return true;
        }

        @Override
        public void reset() {
        }

        @Override
        public List<CheckerFinding> findings() {
            return List.of();
        }

        @Override
        public void runInfo(ScheduleInfo info) {
        }

        @Override
        public Optional<String> javaAgentArgument(Map<String, String> options) {
            StringBuilder s = new StringBuilder("-javaagent:" + jar);
            String sep = "=";
            for (Map.Entry<String, String> e : options.entrySet()) {
                if (!List.of("report", "windows", "config").contains(e.getKey())) {
                    throw new IllegalArgumentException("unknown option '" + e.getKey() + "'");
                }
                s.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ",";
            }
            return Optional.of(s.toString());
        }

        @Override
        public Map<String, String> agentOptions() {
            return running;
        }
    }

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
        Launcher l = new Launcher("/jdk/bin/java",
                new Rendering("/x/lockwitness-agent.jar", Map.of("report", "a b")), Optional.empty(),
                List.of("-jar", "/x/lockwitness-samples.jar"));
        assertEquals(List.of("/jdk/bin/java", "-javaagent:/x/lockwitness-agent.jar=report=d", "-jar",
                "/x/lockwitness-samples.jar", "run", "w"), l.command(Map.of("report", "d"), List.of("run", "w")));
        assertEquals("/jdk/bin/java '-javaagent:/x/lockwitness-agent.jar=report=a b' -jar /x/lockwitness-samples.jar"
                + " run w --seed 3", l.replay(List.of("run", "w", "--seed", "3")));
    }

    @Test
    void commands_come_from_the_checker_and_fail_without_an_agent_or_with_an_unknown_option() {
        Launcher l = new Launcher("/jdk/bin/java", new Rendering("/x/lockwitness-agent.jar", Map.of()),
                Optional.empty(), List.of("-jar", "/x/s.jar"));
        assertThrows(IllegalArgumentException.class, () -> l.command(Map.of("windwos", "lines"), List.of()));
        Launcher none = new Launcher("/jdk/bin/java", Checker.none(),
                Optional.of("-javaagent:/x/lockwitness-agent.jar=report=r"), List.of("-jar", "/x/s.jar"));
        assertThrows(IllegalStateException.class, () -> none.command(Map.of("report", "/r"), List.of()));
        assertEquals("/jdk/bin/java -javaagent:/x/lockwitness-agent.jar=report=r -jar /x/s.jar run",
                none.replay(List.of("run")));
    }

    @Test
    void replays_name_every_jar_and_directory_by_its_absolute_path() {
        Path here = Path.of("").toAbsolutePath();
        Map<String, String> running = new LinkedHashMap<>();
        running.put("report", here.resolve("r,1").toString());
        running.put("windows", "lines");
        String classPath = String.join(File.pathSeparator, "target/classes", "", here.resolve("lib.jar").toString());
        List<String> application = Launcher.application(null, classPath);
        assertEquals(List.of("-cp", String.join(File.pathSeparator, here.resolve("target/classes").toString(),
                here.toString(), here.resolve("lib.jar").toString()), Main.class.getName()), application);
        Launcher l = new Launcher("/jdk/bin/java", new Rendering(here.resolve("lockwitness-agent.jar").toString(),
                running), Optional.empty(), application);
        String replay = l.replay(List.of("run", "w"));
        assertTrue(replay.contains("-javaagent:" + here.resolve("lockwitness-agent.jar") + "=report="
                + here.resolve("r,1") + ",windows=lines"), replay);
        assertTrue(replay.contains(here.resolve("target/classes").toString()), replay);

        Launcher typed = new Launcher("/jdk/bin/java", Checker.none(),
                Optional.of("-javaagent:agent/lockwitness-agent.jar=report=/r,windows=lines"), application);
        assertTrue(typed.replay(List.of("run")).contains(
                "-javaagent:" + here.resolve("agent/lockwitness-agent.jar") + "=report=/r,windows=lines"),
                typed.replay(List.of("run")));
    }

    @Test
    void a_samples_jar_is_started_with_dash_jar_and_its_absolute_path(@TempDir Path tmp) throws IOException {
        Path jar = Files.createFile(tmp.resolve("lockwitness-samples.jar"));
        assertEquals(List.of("-jar", jar.toAbsolutePath().toString()), Launcher.application(jar, "ignored"));
    }
}
