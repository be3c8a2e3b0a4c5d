package org.lockwitness.samples.iflib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.samples.workload.Variant;

/** The iflib NIC runs to completion without the agent, and its watchdog fires. */
class IflibQueuesTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void runs_to_completion_and_the_watchdog_resets_the_wedged_queue(Variant variant) {
        IflibQueues w = new IflibQueues();
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        Machine m = w.configure(Machine.builder().cpus(w.cpus()).seed(3), variant).build();
        w.start(m, variant, console::add);
        RunResult r = m.run(w.steps());
        assertEquals(RunResult.Status.COMPLETED, r.status(), r::toString);
        assertTrue(console.contains("ix0: Using MSI-X interrupts with 3 vectors"), console::toString);
        assertTrue(console.stream().anyMatch(l -> l.contains("watchdog timeout")), console::toString);
    }
}
