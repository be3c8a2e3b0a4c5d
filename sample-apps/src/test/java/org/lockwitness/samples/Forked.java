package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the samples jar, or a main class of the test classes with it, in a JVM of its own under the
 * freshly built agent jar (paths from the failsafe configuration), with a timeout on every wait. Those
 * JVMs run with the quick compiler alone, as the demo's rows do ({@link Demo#QUICK_COMPILER}): their
 * runs are short, and C2's compilations cost about a third of their CPU time on a 2-core machine.
 */
final class Forked {

    static final long TIMEOUT_SECONDS = 300;

    private Forked() {
    }

    /** What a forked run printed and how it ended. */
    record Result(int status, String output, Path report) {

        /** @return the {@code "rule"} values of the report's findings, in order */
        List<String> reportRules() throws IOException {
            return values("rule");
        }

        /** @return the report's event-trace hash */
        String eventTraceHash() throws IOException {
            List<String> v = numbers("eventTraceHash");
            return v.isEmpty() ? "" : v.get(0);
        }

        /** @return the report's {@code findings} array, parsed strictly, as JSON text */
        String findingsJson() throws IOException {
            try (JsonReader r = new JsonReader(Files.newBufferedReader(report.resolve("witness.json"),
                    StandardCharsets.UTF_8))) {
                r.setStrictness(Strictness.STRICT);
                return JsonParser.parseReader(r).getAsJsonObject().getAsJsonArray("findings").toString();
            }
        }

        String witnessText() throws IOException {
            return Files.readString(report.resolve("witness.txt"), StandardCharsets.UTF_8);
        }

        private List<String> values(String key) throws IOException {
            return matches("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"");
        }

        private List<String> numbers(String key) throws IOException {
            return matches("\"" + key + "\"\\s*:\\s*(-?[0-9]+)");
        }

        private List<String> matches(String regex) throws IOException {
            String json = Files.readString(report.resolve("witness.json"), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile(regex).matcher(json);
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }
    }

    static Path agentJar() {
        Path p = Path.of(System.getProperty("lockwitness.agent.jar", "../agent/target/lockwitness-agent.jar"));
        assertTrue(Files.isRegularFile(p), "the agent jar is built first: " + p.toAbsolutePath());
        return p.toAbsolutePath();
    }

    static Path samplesJar() {
        Path p = Path.of(System.getProperty("lockwitness.samples.jar", "target/lockwitness-samples.jar"));
        assertTrue(Files.isRegularFile(p), "the samples jar is built: " + p.toAbsolutePath());
        return p.toAbsolutePath();
    }

    static Path dir(String name) throws IOException {
        Path base = Path.of(System.getProperty("lockwitness.it.dir", "target/it"));
        Path d = base.resolve(name).toAbsolutePath();
        if (Files.exists(d)) {
            try (var walk = Files.walk(d)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(d);
    }

    /**
     * @param report  the report directory
     * @param options further agent options (e.g. {@code config=...}), or empty
     * @param args    the CLI's arguments
     */
    static Result run(Path report, String options, String... args) throws IOException, InterruptedException {
        return run(report, options, TIMEOUT_SECONDS, List.of("-jar", samplesJar().toString()), List.of(args));
    }

    /**
     * Runs the samples jar under the agent with only {@code report=} given: the agent's default
     * windows ({@code probes}).
     *
     * @param report the report directory
     * @param args   the CLI's arguments
     */
    static Result runWithDefaultWindows(Path report, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add(Demo.QUICK_COMPILER);
        command.add("-javaagent:" + agentJar() + "=report=" + report);
        command.addAll(List.of("-jar", samplesJar().toString()));
        command.addAll(List.of(args));
        return exec(Path.of("").toAbsolutePath(), command, report, TIMEOUT_SECONDS);
    }

    /** @return the Java executable of this JVM */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs a main class of the test classes (e.g. {@link SeedLoop}) with the samples jar.
     *
     * @param report         the report directory
     * @param options        further agent options, or empty
     * @param timeoutSeconds how long the JVM may take
     * @param main           the main class
     * @param args           its arguments
     */
    static Result runTestMain(Path report, String options, long timeoutSeconds, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Path testClasses;
        try {
            testClasses = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String cp = samplesJar() + File.pathSeparator + testClasses;
        return run(report, options, timeoutSeconds, List.of("-cp", cp, main.getName()), List.of(args));
    }

    private static Result run(Path report, String options, long timeoutSeconds, List<String> application,
            List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add(Demo.QUICK_COMPILER);
        command.add("-javaagent:" + agentJar() + "=report=" + report + ",windows=lines"
                + (options.isEmpty() ? "" : "," + options));
        command.addAll(application);
        command.addAll(args);
        return exec(Path.of("").toAbsolutePath(), command, report, timeoutSeconds);
    }

    /**
     * Runs a command in a working directory, its output (stdout and stderr) kept in
     * {@code report/stdout.txt}.
     *
     * @param workDir        the working directory
     * @param command        the command's words
     * @param report         the report directory of the result, where the output goes too
     * @param timeoutSeconds how long it may take
     */
    static Result exec(Path workDir, List<String> command, Path report, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = report.resolve("stdout.txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), report);
    }

    /** @return the line of {@code output} that starts with {@code prefix} */
    static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + output));
    }
}
