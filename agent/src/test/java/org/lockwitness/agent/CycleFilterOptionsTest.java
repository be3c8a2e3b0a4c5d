package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockwitness.witness.CycleFilter;

/** The switches of the cycle filters of Java locks: {@code filterSingleThread} and its three siblings. */
class CycleFilterOptionsTest {

    @Test
    void everyFilterIsOnByDefault_andEachOptionNamesItsFilter() throws Exception {
        assertEquals(Set.of(), AgentOptions.parse("").filtersOff);
        for (CycleFilter f : CycleFilter.values()) {
            assertTrue(AgentOptions.KEYS.contains(f.option()), f.option());
            assertTrue(AgentOptions.USAGE.contains(f.option() + "=on|off"), AgentOptions.USAGE);
            assertEquals(Set.of(f), AgentOptions.parse(f.option() + "=off").filtersOff);
            assertEquals(Set.of(), AgentOptions.parse(f.option() + "=on").filtersOff);
        }
        assertEquals(Set.of(CycleFilter.GATE_LOCK, CycleFilter.READ_READ),
                AgentOptions.parse("filterGateLock=off,filterReadRead=off,filterStartJoin=on").filtersOff);
    }

    @Test
    void aBadValue_failsNamingOnAndOff() {
        AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                () -> AgentOptions.parse("filterStartJoin=no"));
        assertTrue(e.getMessage().contains("bad value filterStartJoin=no (on or off)"), e.getMessage());
    }
}
