package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.agent.runtime.ExitStatus;

/** The exit status of {@code fail=}, explicit exits and a killed JVM, in forked JVMs. */
class ExitStatusIT {

    private static final String ABBA = "org.lockwitness.testprograms.Abba";

    @Test
    void failRule_makesAbbaExitNonZero() throws Exception {
        Path dir = Forked.dir("exit-fail");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "fail=LOCK_ORDER_REVERSAL")), true, ABBA);
        assertEquals(ExitStatus.FINDINGS, f.await(), f.stderr());
        assertEquals("FAIL", Forked.findings(f.json(), "LOCK_ORDER_REVERSAL").get(0).get("policy").getAsString());
    }

    @Test
    void failNone_leavesItAtZero() throws Exception {
        Path dir = Forked.dir("exit-none");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "fail=none")), true, ABBA);
        assertEquals(0, f.await(), f.stderr());
        assertEquals(1, Forked.findings(f.json(), "LOCK_ORDER_REVERSAL").size());
    }

    @Test
    void explicitExit_keepsItsStatusAndLeavesACompleteReport() throws Exception {
        Path dir = Forked.dir("exit-3");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "fail=LOCK_ORDER_REVERSAL")), true, ABBA, "exit3");
        assertEquals(3, f.await(), f.stderr());
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
