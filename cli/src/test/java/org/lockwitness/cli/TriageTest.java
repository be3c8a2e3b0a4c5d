package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.lockwitness.witness.Rule;

/** --fail, the baseline file and the verdicts. */
class TriageTest {
    @TempDir
    Path tmp;

    private static Model.Finding finding(String rule, String key) {
        return new Model.Finding(rule, key, "WARN", "m\nmore", List.of(), List.of("A.java:1"), List.of(), 1,
                List.of(), List.of(), List.of("r"), false, null);
    }

    @Test
    void failRules_areNamesJoinedByCommaOrPlus_allOrNone() {
        assertEquals(Set.of("DEADLOCK", "RECURSION"), Triage.parseRules("deadlock+RECURSION"));
        assertEquals(Set.of("DEADLOCK", "RECURSION"), Triage.parseRules("DEADLOCK, RECURSION"));
        assertEquals(Rule.values().length, Triage.parseRules("all").size());
        assertEquals(Set.of(), Triage.parseRules("none"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Triage.parseRules("DEADLOK"));
        assertTrue(e.getMessage().startsWith("unknown rule 'DEADLOK'"), e.getMessage());
    }

    @Test
    void verdicts_failOnlyNewFindingsOfFailRules() {
        List<Triage.Verdict> v = Triage.of(List.of(finding("DEADLOCK", "D1"), finding("DEADLOCK", "D2"),
                finding("DEADLOCK", "D3"), finding("RECURSION", "R1")), Set.of("DEADLOCK"), Set.of("D2"),
                Map.of("D3", "why"));
        assertEquals(List.of(true, false, false, false), v.stream().map(Triage.Verdict::failing).toList());
        assertEquals(List.of(true, false, false, true), v.stream().map(Triage.Verdict::isNew).toList());
        assertEquals("why", v.get(2).suppression());
        assertEquals(Set.of("DEADLOCK"), Triage.failedRules(v));
    }

    @Test
    void aFindingQualifiedByACycleFilter_neverFails_andIsStillNew() {
        Model.Finding q = new Model.Finding("LOCK_ORDER_REVERSAL", "L1", "WARN", "m", List.of(), List.of(), List.of(),
                1, List.of(), List.of(), List.of("r"), false, "single-thread");
        List<Triage.Verdict> v = Triage.of(List.of(q, finding("LOCK_ORDER_REVERSAL", "L2")),
                Set.of("LOCK_ORDER_REVERSAL"), Set.of(), Map.of());
        assertEquals(List.of(false, true), v.stream().map(Triage.Verdict::failing).toList());
        assertTrue(v.get(0).isNew());
        assertEquals(Set.of("LOCK_ORDER_REVERSAL"), Triage.failedRules(v));
    }

    @Test
    void theBaselineText_isSortedKeysWithComments_andReadsBackIgnoringComments() throws IOException {
        String text = Baseline.text(List.of(finding("RECURSION", "R1"), finding("DEADLOCK", "D1")));
        List<String> lines = text.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("D1  # DEADLOCK: m @ A.java:1", "R1  # RECURSION: m @ A.java:1"), lines);
        Path file = tmp.resolve("b.txt");
        Files.writeString(file, text + "\n   \n  X9   # added by hand\n");
        assertEquals(Set.of("D1", "R1", "X9"), Baseline.read(file));
        assertFalse(Baseline.read(file).contains(""));
    }
}
