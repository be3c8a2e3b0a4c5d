package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lockwitness.witness.LockKind;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;
import org.lockwitness.witness.WitnessThread;

/** The exit summary counts findings and occurrences apart (issue 18, item 15). */
class ExitSummaryTest {

    @Test
    void byRule_givesFindingsAndOccurrencesSeparately() {
        Witness w = Witness.create(WitnessOptions.defaults());
        int m = w.enroll("m", LockKind.SLEEP_MUTEX, 0);
        int giant = w.enroll("Giant", LockKind.SLEEP_MUTEX, 0);
        WitnessThread t = w.thread(1, "t");
        int here = w.site("a.c", 1, "f");
        int there = w.site("a.c", 2, "g");
        w.release(t, m, 7, here, 0);
        w.release(t, m, 7, here, 0);
        w.release(t, m, 7, there, 0);
        w.checkOrder(t, m, 7, here, 0, 0);
        w.acquired(t, m, 7, here, 0);
        w.checkOrder(t, giant, 8, there, 0, 0);
        assertEquals("LOCK_ORDER_REVERSAL: 1 finding, 1 occurrence; RELEASE_NOT_OWNED: 2 findings, 3 occurrences",
                ExitSummary.byRule(w.findings()));
    }
}
