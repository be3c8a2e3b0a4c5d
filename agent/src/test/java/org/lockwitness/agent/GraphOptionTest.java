package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code graph=all|default} (issue 20). */
class GraphOptionTest {

    @Test
    void graph_defaultsToTheShortGraph_allKeepsEverything_otherValuesRefused() throws Exception {
        assertFalse(AgentOptions.parse("").graphAll);
        assertFalse(AgentOptions.parse("graph=default").graphAll);
        assertTrue(AgentOptions.parse("graph=all").graphAll);
        assertTrue(AgentOptions.USAGE.contains("graph=all|default"), AgentOptions.USAGE);
        AgentOptions.OptionException e = assertThrows(AgentOptions.OptionException.class,
                () -> AgentOptions.parse("graph=some"));
        assertTrue(e.getMessage().contains("bad value graph=some (all or default)"), e.getMessage());
    }
}
