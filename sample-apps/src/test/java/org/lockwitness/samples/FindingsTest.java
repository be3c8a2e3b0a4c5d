package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.samples.iflib.IflibQueues;
import org.lockwitness.samples.workload.Variant;

/** The {@code rules found} line that demo reads back, and the verdicts it gives. */
class FindingsTest {

    @Test
    void the_rules_line_round_trips() {
        List<CheckerFinding> fs = List.of(new CheckerFinding("B_RULE", "m", List.of(), List.of(), 1),
                new CheckerFinding("A_RULE", "m", List.of(), List.of(), 2),
                new CheckerFinding("A_RULE", "n", List.of(), List.of(), 1));
        String line = Findings.rulesLine(fs);
        assertEquals("rules found: [A_RULE, B_RULE]", line);
        assertEquals(Set.of("A_RULE", "B_RULE"), Findings.parseRulesLine(line));
        assertEquals(Set.of(), Findings.parseRulesLine(Findings.rulesLine(List.of())));
        assertNull(Findings.parseRulesLine("something else"));
    }

    @Test
    void a_buggy_verdict_needs_every_required_rule_and_allows_only_tolerated_others() {
        IflibQueues w = new IflibQueues();
        assertTrue(Verdict.of(w, Variant.BUGGY, Set.of("LOCK_ORDER_REVERSAL", "SLEEP_LOCK_IN_INTERRUPT")).ok());
        assertTrue(Verdict.of(w, Variant.BUGGY, Set.of("LOCK_ORDER_REVERSAL", "SLEEP_LOCK_IN_INTERRUPT",
                "DEADLOCK")).ok());
        assertFalse(Verdict.of(w, Variant.BUGGY, Set.of("LOCK_ORDER_REVERSAL")).ok());
        assertFalse(Verdict.of(w, Variant.BUGGY, Set.of("LOCK_ORDER_REVERSAL", "SLEEP_LOCK_IN_INTERRUPT",
                "RECURSION")).ok());
        assertTrue(Verdict.of(w, Variant.FIXED, Set.of()).ok());
        assertFalse(Verdict.of(w, Variant.FIXED, Set.of("DEADLOCK")).ok());
    }
}
