package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad option stops the JVM before main; a host without the model runs and is warned. */
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
    void hostWithoutTheModel_runsAndWarnsThatNoProbeWasWoven() throws Exception {
        Path dir = Forked.dir("options-nomodel");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), false, "org.lockwitness.testprograms.Hello");
        assertEquals(0, f.await(), f.stderr());
        assertEquals("hello", f.stdout().trim());
        assertTrue(f.stderr().contains("NO PROBE WAS WOVEN"), f.stderr());
        assertEquals(0, f.json().getAsJsonObject("instrumentation").get("probesWoven").getAsLong());
    }
}
