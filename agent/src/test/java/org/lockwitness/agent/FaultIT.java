package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.agent.runtime.ProbeRuntime;

/** A checker fault, injected through the test-only hook, stays inside the agent. */
class FaultIT {

    @Test
    void injectedFault_leavesHostOutputAndStatusAloneAndIsReported() throws Exception {
        Path plainDir = Forked.dir("fault-plain");
        Forked plain = Forked.run(plainDir, List.of(), true, "org.lockwitness.testprograms.Abba", "exit3");
        Path dir = Forked.dir("fault");
        Forked f = Forked.run(dir, List.of("-D" + ProbeRuntime.FAULT_PROPERTY + "=A", Forked.agent(dir, "")), true,
                "org.lockwitness.testprograms.Abba", "exit3");
        assertEquals(plain.await(), f.await(), f.stderr());
        assertEquals(plain.stdout(), f.stdout());
        List<com.google.gson.JsonObject> faults = Forked.findings(f.json(), "CHECKER_FAULT");
        assertFalse(faults.isEmpty(), f.json().toString());
        assertEquals(true, faults.get(0).get("message").getAsString().contains("injected checker fault"));
    }
}
