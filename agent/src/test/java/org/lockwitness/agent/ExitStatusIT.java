package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.agent.runtime.ExitStatus;

/** The exit status of {@code fail=}, explicit exits and a killed JVM, in forked JVMs. */
class ExitStatusIT {

    private static final String ABBA = "org.lockwitness.testprograms.Abba";
    private static final String KEY = "LOCK_ORDER_REVERSAL|lock=A (sleep mutex)|lock=B (sleep mutex)";
    private static final String UNCHANGED = "lockwitness: findings of the failing rules [LOCK_ORDER_REVERSAL] did not"
            + " change the exit status";

    @Test
    void failRule_makesAbbaExitNonZero() throws Exception {
        Path dir = Forked.dir("exit-fail");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "fail=LOCK_ORDER_REVERSAL")), true, ABBA);
        assertEquals(ExitStatus.FINDINGS, f.await(), f.stderr());
        assertEquals("FAIL", Forked.findings(f.json(), "LOCK_ORDER_REVERSAL").get(0).get("policy").getAsString());
        assertEquals(KEY, Forked.findings(f.json(), "LOCK_ORDER_REVERSAL").get(0).get("key").getAsString());
        assertTrue(f.stderr().contains("lockwitness: fail: LOCK_ORDER_REVERSAL " + KEY + "\n"), f.stderr());
        assertTrue(f.stderr().contains("lockwitness: exit status 1: findings of the failing rules"
                + " [LOCK_ORDER_REVERSAL]\n"), f.stderr());
        assertFalse(f.stderr().contains(UNCHANGED), f.stderr());
    }

    @Test
    void systemExit0_keepsZero_andSaysTheFailingRulesDidNotChangeIt() throws Exception {
        Path dir = Forked.dir("exit-0");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "fail=LOCK_ORDER_REVERSAL")), true, ABBA, "exit0");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stderr().contains(UNCHANGED), f.stderr());
        assertTrue(f.stderr().contains("lockwitness-cli check --fail RULES"), f.stderr());
        assertFalse(f.stderr().contains("lockwitness: fail: "), "no line claims a status it did not set");
        AbbaIT.assertReversal(f);
    }

    @Test
    void failNone_leavesItAtZero() throws Exception {
        Path dir = Forked.dir("exit-none");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "fail=none")), true, ABBA);
        assertEquals(0, f.await(), f.stderr());
        assertEquals(1, Forked.findings(f.json(), "LOCK_ORDER_REVERSAL").size());
        assertFalse(f.stderr().contains("failing rules"), f.stderr());
    }

    @Test
    void explicitExit_keepsItsStatusAndLeavesACompleteReport() throws Exception {
        Path dir = Forked.dir("exit-3");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "fail=LOCK_ORDER_REVERSAL")), true, ABBA, "exit3");
        assertEquals(3, f.await(), f.stderr());
        assertTrue(f.stderr().contains(UNCHANGED), f.stderr());
        AbbaIT.assertReversal(f);
    }

    @Test
    void killMinus9_afterTheFirstFinding_leavesAParseableReport() throws Exception {
        Path dir = Forked.dir("exit-kill");
        Forked f = Forked.start(dir, List.of(Forked.agent(dir, "")), true, ABBA, "hang");
        try {
            f.awaitOutput("ran COMPLETED");
            Path json = f.report().resolve("witness.json");
            Forked.awaitTrue(() -> Forked.read(json).contains("LOCK_ORDER_REVERSAL"), "the debounced report");
        } finally {
            f.process.destroyForcibly();
        }
        f.await();
        assertTrue(Files.exists(f.report().resolve("witness.txt")));
        AbbaIT.assertReversal(f);
    }
}
