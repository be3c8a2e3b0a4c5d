package org.lockwitness.samples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockwitness.kernel.Machine;

/**
 * Every guide example in a JVM of its own under the freshly built agent jar (its path from the
 * failsafe configuration, as the other integration tests of this module): the program ends as the
 * guide says, {@code witness.json} (parsed strictly) names exactly the expected rules (none for a
 * fixed form, for a buggy form without its declared order, and with a blessed pair), and every
 * paragraph of report quoted in the guide for that run is a run of consecutive lines of its
 * {@code witness.txt}. The runs are independent JVMs, two at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
class GuideExamplesIT {

    private static final long TIMEOUT_SECONDS = 120;

    static Stream<GuideExamples.Run> runs() {
        return GuideExamples.RUNS.stream();
    }

    @ParameterizedTest
    @MethodSource("runs")
    @Timeout(TIMEOUT_SECONDS + 30)
    void reports_what_the_guide_says(GuideExamples.Run r) throws Exception {
        Path report = dir(r.id());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1"); // the quick compiler alone, as the demo's rows: short runs
        command.add("-javaagent:" + agentJar() + "=report=" + report + options(r.options()));
        command.add("-cp");
        command.add(location(GuideMain.class) + java.io.File.pathSeparator + location(Machine.class));
        command.add(GuideExamples.exampleClass(r.example()).getName());
        command.add(r.buggy() ? "buggy" : "fixed");
        Path out = report.resolve("stdout.txt");
        Path err = report.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("timed out: " + command);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stdout + stderr);
        assertTrue(stdout.startsWith(r.status() + ":"), stdout);
        assertTrue(stderr.contains("lockwitness: "), "the agent ran: " + stderr);

        assertEquals(r.rules(), rules(report), stdout + stderr);

        List<String> text = Files.readAllLines(report.resolve("witness.txt"), StandardCharsets.UTF_8);
        for (GuideDoc.Block b : GuideDoc.blocks("report")) {
            if (b.argument().equals(r.id())) {
                for (List<String> paragraph : paragraphs(b.lines())) {
                    assertTrue(Collections.indexOfSubList(text, paragraph) >= 0,
                            "GUIDE.md:" + b.line() + ": not in " + report.resolve("witness.txt") + ":\n"
                                    + String.join("\n", paragraph) + "\n---\n" + String.join("\n", text));
                }
            }
        }
    }

    /** @return the distinct {@code rule} values of {@code witness.json}'s findings */
    private static Set<String> rules(Path report) throws IOException {
        JsonReader reader = new JsonReader(Files.newBufferedReader(report.resolve("witness.json"), StandardCharsets.UTF_8));
        reader.setStrictness(Strictness.STRICT);
        JsonObject top = JsonParser.parseReader(reader).getAsJsonObject();
        Set<String> rules = new TreeSet<>();
        for (JsonElement f : top.getAsJsonArray("findings")) {
            rules.add(f.getAsJsonObject().get("rule").getAsString());
        }
        return rules;
    }

    private static List<List<String>> paragraphs(List<String> lines) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String l : lines) {
            if (l.isEmpty()) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                }
                cur = new ArrayList<>();
            } else {
                cur.add(l);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /** {@code config=guide/FILE} names a test resource; the agent gets its absolute path. */
    private static String options(String options) throws URISyntaxException {
        if (options.isEmpty()) {
            return "";
        }
        if (options.startsWith("config=")) {
            String resource = options.substring("config=".length());
            URL url = GuideExamplesIT.class.getResource("/" + resource);
            assertTrue(url != null, "test resource " + resource);
            return ",config=" + Path.of(url.toURI());
        }
        return "," + options;
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path agentJar() {
        Path p = Path.of(System.getProperty("lockwitness.agent.jar", "../agent/target/lockwitness-agent.jar"));
        assertTrue(Files.isRegularFile(p), "the agent jar is built first: " + p.toAbsolutePath());
        return p.toAbsolutePath();
    }

    private static Path dir(String id) throws IOException {
        Path base = Path.of(System.getProperty("lockwitness.it.dir", "target/it"));
        Path d = base.resolve("guide").resolve(id.replace('/', '-').replace('+', '-')).toAbsolutePath();
        if (Files.exists(d)) {
            try (Stream<Path> walk = Files.walk(d)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(d);
    }
}
