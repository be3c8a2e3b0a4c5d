package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Repeating a known order allocates nothing (issue 5 and 6). Measured with the JVM's per-thread
 * allocation counter, not with time; JMH measures the speed.
 */
class FastPathAllocationTest {
    private static final int ROUNDS = 200_000;

    @Test
    void knownOrder_atDepthOneAndTwenty_allocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        Witness w = Witness.create(WitnessOptions.defaults());
        int[] ids = new int[21];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = w.enroll("L" + i, i % 2 == 0 ? LockKind.SLEEP_MUTEX : LockKind.RW, 0);
        }
        int site = w.site("bench.c", 1, "loop");
        WitnessThread t = w.thread(1, "t");
        for (int i = 0; i < 19; i++) {
            w.checkOrder(t, ids[i], i + 1, site, 0, 0);
            w.acquired(t, ids[i], i + 1, site, 0);
        }
        loop(w, t, ids[19], ids[20], site);
        long before = mx.getCurrentThreadAllocatedBytes();
        loop(w, t, ids[19], ids[20], site);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, "known-order pairs allocated " + allocated + " bytes over " + ROUNDS + " rounds");
        assertEquals(0, w.findings().size());
    }

    private static void loop(Witness w, WitnessThread t, int a, int b, int site) {
        for (int r = 0; r < ROUNDS; r++) {
            t.at(0, 0, false, true, 0, false, false, false, r);
            w.checkOrder(t, a, 100, site, 0, 0);
            w.acquired(t, a, 100, site, 0);
            w.checkOrder(t, b, 101, site, OpFlags.SHARED, 0);
            w.acquired(t, b, 101, site, OpFlags.SHARED);
            w.release(t, b, 101, site, OpFlags.SHARED);
            w.release(t, a, 100, site, 0);
        }
    }
}
