package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Under the agent, a run that hangs on the host ends at its wall-clock limit: the JVM exits 3 with a
 * TIMED_OUT line naming the monitor and its owner, and the agent still writes its report.
 */
class TimedOutReportIT {

    @Test
    void a_stalled_run_exits_3_says_timed_out_and_leaves_a_report() throws Exception {
        Path dir = Forked.dir("timed-out");
        Forked.Result r = Forked.runTestMain(dir, "", 60, StallWorkload.class);
        assertEquals(Main.TIMED_OUT, r.status(), r.output());
        String line = Forked.line(r.output(), Findings.TIMED_OUT);
        assertTrue(line.contains("blocked on the Java monitor java.lang.Object@"), line);
        assertTrue(line.contains("owned by kernel thread holder(tid "), line);
        assertTrue(Files.isRegularFile(dir.resolve("witness.json")), r.output());
        assertTrue(Files.isRegularFile(dir.resolve("witness.txt")), r.output());
    }
}
