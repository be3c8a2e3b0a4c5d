package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.tools.attach.VirtualMachine;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code agentmain}: the agent attached to a program that started without it, by the two recipes
 * the README documents, with options that must arrive intact (a report directory with a comma and a
 * space, then more keys): the Attach API's {@code VirtualMachine.loadAgent(jar, options)}, and
 * {@code jcmd PID JVMTI.agent_load JAR '"options"'}. jcmd's own parser splits an unquoted
 * {@code key=value} argument and passes only the key, so the options go in double quotes inside the
 * argument; unquoted, the agent says how to quote them.
 */
class AttachIT {

    private static final String OPTIONS_AFTER_REPORT = ",fail=LOCK_ORDER_REVERSAL,windows=off";

    @Test
    void dynamicAttach_findsAbbaInAProgramStartedWithoutTheAgent() throws Exception {
        Forked f = attached(Forked.dir("attach"), t -> loadAgent(t, "report=" + t.report()));
        AbbaIT.assertReversal(f);
    }

    @Test
    void attachApi_passesTheOptionsIntact() throws Exception {
        Path dir = Forked.dir("attach-api");
        Path report = dir.resolve("a, b");
        attached(dir, t -> loadAgent(t, "report=" + report + OPTIONS_AFTER_REPORT));
        assertOptionsArrived(report);
    }

    @Test
    void jcmd_withTheOptionsQuotedInsideTheArgument_passesThemIntact() throws Exception {
        Path dir = Forked.dir("attach-jcmd");
        Path report = dir.resolve("a, b");
        Forked f = attached(dir, t -> jcmd(t, "\"report=" + report + OPTIONS_AFTER_REPORT + "\""));
        assertOptionsArrived(report);
        assertFalse(f.stderr().contains("lockwitness: option"), f.stderr());
    }

    @Test
    void jcmd_withUnquotedOptions_isToldHowToQuoteThem() throws Exception {
        Path dir = Forked.dir("attach-jcmd-unquoted");
        Forked f = attached(dir, t -> jcmd(t, "report=" + dir.resolve("r") + ",fail=all"));
        assertTrue(f.stderr().contains("lockwitness: option 'report' needs a value"), f.stderr());
        assertTrue(f.stderr().contains(Boot.JCMD_HINT), f.stderr());
        assertFalse(Files.exists(dir.resolve("r")));
    }

    private interface Loader {
        void load(Forked target) throws Exception;
    }

    /** Starts Abba waiting for stdin, loads the agent into it, lets it run and waits for its end (status 0). */
    private static Forked attached(Path dir, Loader loader) throws Exception {
        List<String> jvm = new ArrayList<>();
        if (Runtime.version().feature() >= 21) {
            jvm.add("-XX:+EnableDynamicAgentLoading");
        }
        Forked f = Forked.start(dir, jvm, true, "org.lockwitness.testprograms.Abba", "attach");
        try {
            f.awaitOutput("waiting");
            loader.load(f);
            try (OutputStream in = f.process.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(0, f.await(), f.stderr());
        } finally {
            f.process.destroyForcibly();
        }
        return f;
    }

    private static void loadAgent(Forked target, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(target.process.pid()));
        try {
            vm.loadAgent(Forked.agentJar().toString(), options);
        } finally {
            vm.detach();
        }
    }

    private static void jcmd(Forked target, String optionArgument) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(target.process.pid()), "JVMTI.agent_load",
                Forked.agentJar().toString(), optionArgument).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(Forked.TIMEOUT_SECONDS, TimeUnit.SECONDS), "jcmd did not end");
        assertEquals(0, p.exitValue(), out);
    }

    /** The report went to the directory with a comma and a space, and fail= and windows= took effect. */
    private static void assertOptionsArrived(Path report) throws Exception {
        Path file = report.resolve("witness.json");
        assertTrue(Files.isRegularFile(file), "no report in " + report);
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        List<JsonObject> lor = Forked.findings(json, "LOCK_ORDER_REVERSAL");
        assertEquals(1, lor.size(), json.toString());
        assertEquals("FAIL", lor.get(0).get("policy").getAsString());
        assertTrue(json.getAsJsonObject("instrumentation").get("windowsStripped").getAsLong() > 0, json.toString());
    }
}
