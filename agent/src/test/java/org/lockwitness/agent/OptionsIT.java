package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.agent.runtime.ExitStatus;
import org.lockwitness.agent.weave.ClassPatterns;

/**
 * A bad option (an unknown key, an invalid class pattern) stops the JVM before main; a host without
 * the model runs, is warned and writes no report; a value may contain commas; a class pattern that
 * matched nothing is warned at exit.
 */
class OptionsIT {

    @Test
    void misspelledKey_stopsTheJvmBeforeMainWithTheValidKeys() throws Exception {
        Path dir = Forked.dir("options-bad");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "windwos=lines")), true,
                "org.lockwitness.testprograms.Abba");
        assertEquals(Boot.BAD_OPTIONS, f.await());
        assertEquals("", f.stdout(), "main ran");
        String err = f.stderr();
        assertTrue(err.contains("unknown option 'windwos'"), err);
        for (String key : AgentOptions.KEYS) {
            assertTrue(err.contains(key + "="), "key " + key + " not listed: " + err);
        }
        assertEquals(1, err.lines().filter(l -> l.startsWith("lockwitness:")).count(), err);
        assertFalse(Files.exists(f.report()));
    }

    @Test
    void hostWithoutTheModel_runsAndWarnsThatNoProbeWasWoven_andWritesNoReport() throws Exception {
        Path dir = Forked.dir("options-nomodel");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), false, "org.lockwitness.testprograms.Hello");
        assertEquals(0, f.await(), f.stderr());
        assertEquals("hello", f.stdout().trim());
        assertTrue(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
        assertTrue(f.stderr().contains("no report was written"), f.stderr());
        assertFalse(Files.exists(f.report()), "a JVM that can produce no event wrote a report");
    }

    @Test
    void anInvalidClassPattern_stopsTheJvmBeforeMainWithThePatternSyntax() throws Exception {
        Path dir = Forked.dir("options-glob");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "windows=lines,include=[")), true,
                "org.lockwitness.testprograms.Abba");
        assertEquals(Boot.BAD_OPTIONS, f.await());
        assertEquals("", f.stdout(), "main ran");
        assertTrue(f.stderr().contains("bad value include=[: '[' cannot appear"), f.stderr());
        assertTrue(f.stderr().contains(ClassPatterns.SYNTAX), f.stderr());
        assertFalse(Files.exists(f.report()));
    }

    @Test
    void includeAndExcludeThatMatchNoClass_areWarnedAtExit() throws Exception {
        Path dir = Forked.dir("options-unmatched");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "windows=lines,include=org.lockwitness.kernel.Nope*,"
                + "exclude=*.Critical+no.Such")), true, "org.lockwitness.testprograms.Abba");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stderr().contains("lockwitness: warning: include=org.lockwitness.kernel.Nope* matched no"
                + " @KernelCode class of the model"), f.stderr());
        assertFalse(f.stderr().contains("warning: exclude="), "exclude matched Critical: " + f.stderr());
        assertEquals(0, f.json().getAsJsonObject("instrumentation").get("windowsWoven").getAsLong());
    }

    @Test
    void reportDirectoryWithAComma_isOneDirectoryAndTheOptionsAfterItStillParse() throws Exception {
        Path dir = Forked.dir("options-comma");
        Path report = dir.resolve("a,b");
        String options = "report=" + report + ",windows=off,fail=LOCK_ORDER_REVERSAL";
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, options)), true, "org.lockwitness.testprograms.Abba");
        assertEquals(ExitStatus.FINDINGS, f.await(), f.stderr());
        assertTrue(Files.isRegularFile(report.resolve("witness.json")), f.stderr());
        assertFalse(Files.exists(dir.resolve("a")), "the report went to " + dir.resolve("a"));
        assertTrue(f.stderr().contains("report in " + report), f.stderr());
        JsonObject json = JsonParser.parseString(Forked.read(report.resolve("witness.json"))).getAsJsonObject();
        assertEquals(1, Forked.findings(json, "LOCK_ORDER_REVERSAL").size(), json.toString());
        JsonObject instrumentation = json.getAsJsonObject("instrumentation");
        assertTrue(instrumentation.get("windowsStripped").getAsLong() > 0, "windows=off: " + instrumentation);
        assertEquals(0, instrumentation.get("windowsWoven").getAsLong(), instrumentation.toString());
    }

    @Test
    void aPidPattern_givesTwoJvmsWithTheSameOptionTwoDirectories() throws Exception {
        Path dir = Forked.dir("options-pid");
        String options = "report=" + dir.resolve("lw").resolve("{pid}") + ",windows=off";
        Forked first = Forked.start(dir, List.of(Forked.agent(dir, options)), true, "org.lockwitness.testprograms.Abba");
        Forked second = Forked.start(dir, List.of(Forked.agent(dir, options)), true, "org.lockwitness.testprograms.Abba");
        assertEquals(0, first.await(), first.stderr());
        assertEquals(0, second.await(), second.stderr());
        for (Forked f : List.of(first, second)) {
            Path report = dir.resolve("lw").resolve(Long.toString(f.process.pid()));
            JsonObject json = JsonParser.parseString(Forked.read(report.resolve("witness.json"))).getAsJsonObject();
            assertEquals(1, Forked.findings(json, "LOCK_ORDER_REVERSAL").size(), json.toString());
        }
    }

    @Test
    void aClassLimit_isTheWitnesssAndItsExhaustionNamesTheTable() throws Exception {
        Path dir = Forked.dir("options-classes");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "windows=off,classes=2")), true,
                "org.lockwitness.testprograms.Abba");
        assertEquals(0, f.await(), f.stderr());
        List<JsonObject> exhausted = Forked.findings(f.json(), "CHECKER_EXHAUSTED");
        assertEquals(1, exhausted.size(), f.json().toString());
        assertTrue(exhausted.get(0).get("message").getAsString().contains("class table full at 2 classes"),
                exhausted.get(0).toString());
    }
}
