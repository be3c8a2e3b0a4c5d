package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a program from the test classes in a forked JVM with a minimal class path (the kernel
 * model and the test classes, never the agent's own dependencies), optionally under the built
 * agent jar; its output goes to files in a directory of its own. Every wait has a timeout.
 */
final class Forked {

    /** A hang guard, sized for a loaded 2-core machine and below the 120 s default test timeout. */
    static final long TIMEOUT_SECONDS = 100;

    final Path dir;
    final Process process;

    private Forked(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** The built agent jar (failsafe passes its path). */
    static Path agentJar() {
        Path jar = Path.of(System.getProperty("lockwitness.agent.jar", "target/lockwitness-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "agent jar not built: " + jar);
        return jar.toAbsolutePath();
    }

    /** A fresh directory for one forked run. */
    static Path dir(String name) throws IOException {
        Path base = Path.of(System.getProperty("lockwitness.it.dir", "target/it")).toAbsolutePath();
        Path d = base.resolve(name);
        if (Files.exists(d)) {
            try (var walk = Files.walk(d)) {
                walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(d);
    }

    /** {@code -javaagent:} with these options, the report going to {@code dir/report} unless given. */
    static String agent(Path dir, String options) {
        String report = "report=" + dir.resolve("report");
        String all = options.isEmpty() ? report : options.contains("report=") ? options : report + "," + options;
        return "-javaagent:" + agentJar() + "=" + all;
    }

    /** The class path of a forked program: the test classes and, unless left out, the model. */
    static String classPath(boolean withModel) {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of(System.getProperty("lockwitness.test.classes", "target/test-classes")).toAbsolutePath()
                .toString());
        if (withModel) {
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (e.contains("kernel-model")) {
                    entries.add(e);
                }
            }
            assertTrue(entries.size() > 1, "kernel-model not on the test class path");
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The JIT of a forked program: the quick compiler alone (C1). These programs run for seconds, most of it
     * start-up, weaving and warm-up, where C2's compilations only cost CPU on a busy machine (about a third
     * of a forked run's CPU time); what they check does not depend on the compiler. A test that does (the
     * allocation of the acquire path needs C2's escape analysis, as a user's JVM has it) passes
     * {@link #FULL_JIT} in its JVM arguments, which come after.
     */
    static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";
    /** The default tiered JIT (C1 then C2), for a test that checks what C2 does. */
    static final String FULL_JIT = "-XX:TieredStopAtLevel=4";

    /** Starts {@code java -XX:TieredStopAtLevel=1 jvmArgs -cp ... mainClass args}. */
    static Forked start(Path dir, List<String> jvmArgs, boolean withModel, String mainClass, String... args)
            throws IOException {
        return start(dir, jvmArgs, classPath(withModel), mainClass, args);
    }

    /** Starts {@code java jvmArgs -cp classPath mainClass args}. */
    static Forked start(Path dir, List<String> jvmArgs, String classPath, String mainClass, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(QUICK_JIT);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        return new Forked(dir, p);
    }

    /** Runs to the end and returns the exit status. */
    static Forked run(Path dir, List<String> jvmArgs, boolean withModel, String mainClass, String... args)
            throws IOException, InterruptedException {
        Forked f = start(dir, jvmArgs, withModel, mainClass, args);
        f.await();
        return f;
    }

    int await() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("forked JVM did not end within " + TIMEOUT_SECONDS + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    String stdout() {
        return read(dir.resolve("stdout.txt"));
    }

    String stderr() {
        return read(dir.resolve("stderr.txt"));
    }

    /** Waits until stdout contains {@code text}. */
    void awaitOutput(String text) throws InterruptedException {
        awaitTrue(() -> stdout().contains(text), "stdout to contain '" + text + "'");
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    Path report() {
        return dir.resolve("report");
    }

    /** The parsed {@code witness.json}. */
    JsonObject json() {
        return JsonParser.parseString(read(report().resolve("witness.json"))).getAsJsonObject();
    }

    /** The findings of one rule in {@code witness.json}. */
    static List<JsonObject> findings(JsonObject json, String rule) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("findings")) {
            if (e.getAsJsonObject().get("rule").getAsString().equals(rule)) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }

    static List<String> strings(JsonObject o, String member) {
        List<String> out = new ArrayList<>();
        JsonArray a = o.getAsJsonArray(member);
        for (JsonElement e : a) {
            out.add(e.getAsString());
        }
        return out;
    }

    /** {@code File.java:line} of the line of a test program that carries {@code // SITE:marker}. */
    static String site(String program, String marker) throws IOException {
        return site(Path.of("src/test/java/org/lockwitness/testprograms", program + ".java"), marker);
    }

    /** The same for the model's shared test fixtures ({@code org.lockwitness.scenarios.Scenarios}). */
    static String fixtureSite(String marker) throws IOException {
        return site(Path.of("../kernel-model/src/test/java/org/lockwitness/scenarios/Scenarios.java"), marker);
    }

    private static String site(Path src, String marker) throws IOException {
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker + " in " + src);
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p, e);
        }
    }
}
