package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockwitness.witness.WitnessOptions;

/** {@code classes=}, {@code orders=} (the witness's table sizes) and the {@code report=} pattern. */
class TableOptionsTest {

    @Test
    void theDefaults_areTheWitnesss() throws Exception {
        AgentOptions o = AgentOptions.parse("");
        assertEquals(WitnessOptions.DEFAULT_CLASS_LIMIT, o.classes);
        assertEquals(WitnessOptions.DEFAULT_ORDER_LIMIT, o.orders);
    }

    @Test
    void aMillionClassesAndTheLargestOrderTable_areAccepted() throws Exception {
        AgentOptions o = AgentOptions.parse("classes=1000000,orders=" + WitnessOptions.MAX_ORDER_LIMIT);
        assertEquals(1_000_000, o.classes);
        assertEquals(WitnessOptions.MAX_ORDER_LIMIT, o.orders);
        assertTrue(AgentOptions.USAGE.contains("classes=N"), AgentOptions.USAGE);
        assertTrue(AgentOptions.USAGE.contains("orders=N"), AgentOptions.USAGE);
    }

    @Test
    void aLimitOutOfRangeOrNotANumber_isRefusedWithTheRange() {
        String[] bad = {"classes=0", "classes=" + (WitnessOptions.MAX_CLASS_LIMIT + 1), "orders=-3", "orders=many"};
        for (String option : bad) {
            AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                    () -> AgentOptions.parse(option));
            assertTrue(e.getMessage().contains("bad value " + option + " (a number, 1.."), e.getMessage());
        }
    }

    @Test
    void pidAndStart_areReplaced() {
        Path p = ReportPattern.expand("target/lw/{pid}-{start}", 4242, Instant.ofEpochMilli(1_700_000_000_123L));
        assertEquals(Path.of("target/lw/4242-1700000000123"), p);
    }

    @Test
    void thisProcess_getsItsOwnPid() throws Exception {
        AgentOptions o = AgentOptions.parse("report=lw/{pid}");
        assertEquals(Path.of("lw/" + ProcessHandle.current().pid()), o.report);
    }

    @Test
    void anUnknownToken_isABadOption() {
        AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                () -> AgentOptions.parse("report=lw/{pdi}"));
        assertTrue(e.getMessage().contains("unknown token {pdi} (known: {pid}, {start})"), e.getMessage());
    }

    @Test
    void aNulInTheReportDirectory_isABadOptionNotAnException() {
        AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                () -> AgentOptions.parse("report=lw\0x"));
        assertTrue(e.getMessage().startsWith("lockwitness: bad value report="), e.getMessage());
    }

    @Test
    void aReplay_keepsThePattern_soItNeverWritesIntoTheReplayedRunsDirectory() throws Exception {
        Map<String, String> relaunch = AgentOptions.parse("report=lw/{pid}").forRelaunch();
        assertEquals(Path.of("lw/{pid}").toAbsolutePath().toString(), relaunch.get("report"));
        assertEquals(relaunch, AgentOptions.parse(AgentOptions.javaAgentArgument(Path.of("a.jar"), relaunch)
                .substring(("-javaagent:" + Path.of("a.jar").toAbsolutePath() + "=").length())).given);
    }
}
