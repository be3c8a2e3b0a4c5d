package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.workload.Workload;

/** Issue 22: a workload's declared windows against the agent's. */
class WindowsWarningTest {

    private static final Workload RENDEZVOUS = Workloads.named("rendezvous-preempt").orElseThrow();
    private static final Workload IFLIB = Workloads.named("iflib-queues").orElseThrow();

    @Test
    void rendezvous_preempt_needs_line_windows_and_the_others_the_models_own() {
        assertEquals(Checker.Windows.LINES, RENDEZVOUS.profile().windows());
        for (Workload w : Workloads.ALL) {
            if (w != RENDEZVOUS) {
                assertEquals(Checker.Windows.PROBES, w.profile().windows(), w.profile().name());
            }
        }
    }

    @Test
    void fewer_windows_than_needed_give_a_warning_that_names_both_and_the_option() {
        for (Checker.Windows woven : new Checker.Windows[] {Checker.Windows.PROBES, Checker.Windows.OFF}) {
            String w = WindowsWarning.of(RENDEZVOUS.profile(), woven).orElseThrow();
            assertTrue(w.startsWith("lockwitness-samples: WARNING: rendezvous-preempt needs windows=lines, but the agent"
                    + " runs with windows=" + WindowsWarning.id(woven) + ":"), w);
            assertTrue(w.contains("=report=DIR,windows=lines"), w);
            assertEquals(1, w.lines().count(), w);
        }
        assertTrue(WindowsWarning.of(IFLIB.profile(), Checker.Windows.OFF).orElseThrow()
                .contains("iflib-queues needs windows=probes"));
    }

    @Test
    void as_many_windows_or_more_give_none() {
        assertEquals(Optional.empty(), WindowsWarning.of(RENDEZVOUS.profile(), Checker.Windows.LINES));
        assertEquals(Optional.empty(), WindowsWarning.of(IFLIB.profile(), Checker.Windows.PROBES));
        assertEquals(Optional.empty(), WindowsWarning.of(IFLIB.profile(), Checker.Windows.LINES));
    }
}
