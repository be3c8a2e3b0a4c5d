package org.lockwitness.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The extension in forked JVMs that run test classes on the JUnit Platform ({@code cases.Launch}),
 * with and without {@code -javaagent}: the test that produced a reversal fails naming it, a clean
 * test passes, {@code witness.json} names the test, and without the agent nothing fails and one
 * line says so.
 */
@Timeout(120)
class LockwitnessExtensionIT {

    private static final String CASES = "org.lockwitness.junit5.cases.";
    private static final String REVERSAL_AB = "LOCK_ORDER_REVERSAL LOCK_ORDER_REVERSAL|lock=A (sleep mutex)"
            + "|lock=B (sleep mutex)";

    @Test
    void withTheAgent_theReversingTestFailsNamingTheReversal_theCleanOnePasses_andTheReportNamesTheTest()
            throws Exception {
        Run r = Run.of("agent", List.of(agent("agent", "")), "ReversingCase", "CleanCase");
        assertEquals(0, r.status, r.err);
        String abba = r.result("ReversingCase]/[method:abba()]");
        assertTrue(abba.startsWith("FAILED java.lang.AssertionError: lockwitness: 1 new finding during "
                + CASES + "ReversingCase.abba()\\n" + REVERSAL_AB + " @ Abba.java:"), abba);
        assertTrue(abba.contains("\\nlock order reversal:\\n 1st "), abba);
        assertEquals("SUCCESSFUL ", r.result("CleanCase]/[method:inOrder()]"));
        List<JsonObject> findings = r.findings();
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(CASES + "ReversingCase.abba()", findings.get(0).get("test").getAsString());
        assertFalse(r.err.contains("checks nothing"), r.err);
    }

    @Test
    void withoutTheAgent_nothingFails_andOneLineSaysSo() throws Exception {
        Run r = Run.of("no-agent", List.of(), "ReversingCase", "CleanCase");
        assertEquals(0, r.status, r.err);
        assertEquals("SUCCESSFUL ", r.result("ReversingCase]/[method:abba()]"));
        assertEquals("SUCCESSFUL ", r.result("CleanCase]/[method:inOrder()]"));
        List<String> lines = r.err.lines().filter(l -> l.contains("LockwitnessExtension")).toList();
        assertEquals(List.of("lockwitness: the lockwitness agent is not running in this JVM"
                + " (no -javaagent:lockwitness-agent.jar); LockwitnessExtension checks nothing"), lines,
                "one line for two test classes: " + r.err);
    }

    @Test
    void autodetection_registersIt_andTheAgentsFailRulesDecide() throws Exception {
        Run r = Run.of("autodetect", List.of(agent("autodetect", "fail=LOCK_ORDER_REVERSAL"),
                "-Djunit.jupiter.extensions.autodetection.enabled=true"), "AutoDetectedCase");
        assertEquals(1, r.status, "main returned with a finding of a fail= rule: " + r.err);
        assertTrue(r.result("AutoDetectedCase]/[method:efe()]").startsWith("FAILED java.lang.AssertionError:"
                + " lockwitness: 1 new finding during " + CASES + "AutoDetectedCase.efe()\\nLOCK_ORDER_REVERSAL"),
                r.out);
        assertTrue(r.err.contains("lockwitness: fail: LOCK_ORDER_REVERSAL LOCK_ORDER_REVERSAL|lock=E"), r.err);
    }

    @Test
    void failParameterNone_passesTheTest_butTheReportStillNamesIt() throws Exception {
        Run r = Run.of("fail-none", List.of(agent("fail-none", ""), "-D" + LockwitnessExtension.FAIL_PARAMETER
                + "=none"), "ReversingCase");
        assertEquals("SUCCESSFUL ", r.result("ReversingCase]/[method:abba()]"));
        assertEquals(CASES + "ReversingCase.abba()", r.findings().get(0).get("test").getAsString());
    }

    private static String agent(String name, String options) throws IOException {
        Path jar = Path.of(System.getProperty("lockwitness.agent.jar", "../agent/target/lockwitness-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "agent jar not built: " + jar);
        return "-javaagent:" + jar.toAbsolutePath() + "=report=" + Run.dir(name).resolve("report")
                + (options.isEmpty() ? "" : "," + options);
    }

    /** One forked JVM running {@code cases.Launch} on some case classes. */
    private static final class Run {
        final Path dir;
        final int status;
        final String out;
        final String err;

        private Run(Path dir, int status) {
            this.dir = dir;
            this.status = status;
            this.out = read(dir.resolve("stdout.txt"));
            this.err = read(dir.resolve("stderr.txt"));
        }

        static Path dir(String name) throws IOException {
            return Files.createDirectories(Path.of(System.getProperty("lockwitness.it.dir", "target/it"))
                    .toAbsolutePath().resolve(name));
        }

        static Run of(String name, List<String> jvmArgs, String... cases) throws Exception {
            Path dir = dir(name);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(classPath());
            cmd.add(CASES + "Launch");
            for (String c : cases) {
                cmd.add(CASES + c);
            }
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("forked JVM did not end within 90 s: " + read(dir.resolve("stderr.txt")));
            }
            return new Run(dir, p.exitValue());
        }

        /**
         * This module's classes (a jar under Failsafe) and test classes, the kernel model and JUnit's jars:
         * never the agent's
         * own classes or libraries, which the forked JVM gets from {@code -javaagent} only.
         */
        static String classPath() {
            List<String> keep = new ArrayList<>();
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(e).toAbsolutePath();
                String file = p.getFileName().toString();
                boolean ownBuild = Files.isDirectory(p) && p.getParent() != null && p.getParent().getParent() != null
                        && List.of("junit5", "kernel-model").contains(
                                p.getParent().getParent().getFileName().toString());
                if (ownBuild || file.startsWith("lockwitness-junit5") || file.startsWith("kernel-model")
                        || file.startsWith("junit-")
                        || file.startsWith("opentest4j") || file.startsWith("apiguardian")) {
                    keep.add(p.toString());
                }
            }
            return String.join(File.pathSeparator, keep);
        }

        /** The status and message printed for the test whose unique id ends with {@code idEnd}. */
        String result(String idEnd) {
            for (String line : out.lines().toList()) {
                int at = line.indexOf(idEnd + " ");
                if (line.startsWith("RESULT ") && at > 0) {
                    return line.substring(at + idEnd.length() + 1);
                }
            }
            throw new AssertionError("no result for " + idEnd + " in:\n" + out + "\nstderr:\n" + err);
        }

        List<JsonObject> findings() {
            JsonObject json = JsonParser.parseString(read(dir.resolve("report").resolve("witness.json")))
                    .getAsJsonObject();
            List<JsonObject> out = new ArrayList<>();
            for (JsonElement e : json.getAsJsonArray("findings")) {
                out.add(e.getAsJsonObject());
            }
            return out;
        }

        private static String read(Path p) {
            try {
                return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new AssertionError("cannot read " + p, e);
            }
        }
    }
}
