package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22: under the agent's default windows ({@code probes}) the interrupt rendezvous-preempt's
 * bug needs can never arrive, and {@code run} and {@code explore} say so before they run.
 */
class WindowsWarningIT {

    private static final String WARNING = "lockwitness-samples: WARNING: rendezvous-preempt needs windows=lines, but"
            + " the agent runs with windows=probes";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void run_under_the_default_windows_warns_first() throws Exception {
        Path dir = Forked.dir("windows-warning-run");
        Forked.Result r = Forked.runWithDefaultWindows(dir, "run", "rendezvous-preempt", "--seed", "1");
        assertEquals(Main.OK, r.status(), r.output());
        assertTrue(r.output().startsWith(WARNING), r.output());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void explore_under_the_default_windows_warns_before_it_finds_nothing() throws Exception {
        Path dir = Forked.dir("windows-warning-explore");
        Forked.Result r = Forked.runWithDefaultWindows(dir, "explore", "rendezvous-preempt", "--strategy", "pct",
                "--schedules", "2");
        assertEquals(Main.FAILED, r.status(), r.output());
        assertTrue(r.output().startsWith(WARNING), r.output());
        assertTrue(r.output().contains("nothing found: 2 schedules"), r.output());
    }
}
