package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lockwitness.witness.WitnessOptions;

/** {@code spinBound=} and {@code holdBound=}, SPIN_HELD_TOO_LONG's two bounds (issue 11). */
class BoundOptionsTest {

    @Test
    void theDefaults_areTheWitnesss() throws Exception {
        AgentOptions o = AgentOptions.parse("");
        assertEquals(WitnessOptions.DEFAULT_SPIN_BOUND, o.spinBound);
        assertEquals(WitnessOptions.DEFAULT_HOLD_BOUND, o.holdBound);
    }

    @Test
    void bothAreParsed_andListedInTheUsage() throws Exception {
        AgentOptions o = AgentOptions.parse("spinBound=5000,holdBound=7");
        assertEquals(5000, o.spinBound);
        assertEquals(7, o.holdBound);
        assertTrue(AgentOptions.USAGE.contains("spinBound=N"), AgentOptions.USAGE);
        assertTrue(AgentOptions.USAGE.contains("holdBound=N"), AgentOptions.USAGE);
    }

    @Test
    void aBoundBelowOneOrNotANumber_isRefused() {
        for (String bad : new String[] {"spinBound=0", "holdBound=-1", "holdBound=lots"}) {
            AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                    () -> AgentOptions.parse(bad));
            assertTrue(e.getMessage().contains("bad value " + bad + " (a number, 1 or more)"), e.getMessage());
        }
    }
}
