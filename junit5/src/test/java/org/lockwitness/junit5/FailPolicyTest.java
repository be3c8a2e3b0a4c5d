package org.lockwitness.junit5;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which findings fail a test. */
class FailPolicyTest {

    private static final Map<String, String> WARNED = Map.of("rule", "LOCK_ORDER_REVERSAL", "policy", "WARN");
    private static final Map<String, String> FAILED = Map.of("rule", "DEADLOCK", "policy", "FAIL");

    @Test
    void unset_withoutAgentFailRules_failsEveryFinding_withThemOnlyTheirs() {
        assertTrue(FailPolicy.of(Optional.empty(), false).fails(WARNED));
        assertFalse(FailPolicy.of(Optional.empty(), true).fails(WARNED));
        assertTrue(FailPolicy.of(Optional.empty(), true).fails(FAILED));
    }

    @Test
    void parameter_overridesTheAgent() {
        assertTrue(FailPolicy.of(Optional.of("all"), true).fails(WARNED));
        assertFalse(FailPolicy.of(Optional.of("none"), false).fails(FAILED));
        FailPolicy named = FailPolicy.of(Optional.of("LOCK_ORDER_REVERSAL+SLEEP_WITH_LOCKS_HELD"), true);
        assertTrue(named.fails(WARNED));
        assertFalse(named.fails(FAILED));
        assertTrue(FailPolicy.of(Optional.of(" DEADLOCK, LOCK_ORDER_REVERSAL "), false).fails(FAILED));
    }

    @Test
    void aReversalQualifiedByACycleFilter_failsNoTest_whateverThePolicy() {
        Map<String, String> qualified = Map.of("rule", "LOCK_ORDER_REVERSAL", "policy", "WARN", "qualifier",
                "single-thread");
        assertFalse(FailPolicy.of(Optional.of("all"), false).fails(qualified));
        assertFalse(FailPolicy.of(Optional.of("LOCK_ORDER_REVERSAL"), false).fails(qualified));
        assertFalse(FailPolicy.of(Optional.empty(), false).fails(qualified));
        assertTrue(FailPolicy.of(Optional.of("all"), false).fails(Map.of("rule", "LOCK_ORDER_REVERSAL", "policy",
                "WARN", "qualifier", "")));
    }

    @Test
    void aValueThatIsNoRuleList_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FailPolicy.of(Optional.of("lock-order"), false));
        assertTrue(e.getMessage().contains("lockwitness.fail=lock-order"), e.getMessage());
    }
}
