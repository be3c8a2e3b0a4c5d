package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lockwitness.witness.report.ReportSnapshot;

/**
 * Threads that close a cycle together, each adding one new order at the same moment: the race of
 * Guava's {@code CycleDetectingLockFactory} (google/guava#2048), where two threads each see no
 * path and both add their edge. Under the one checker lock exactly one thread closes the cycle:
 * every round loses no edge and reports the cycle once.
 */
class ConcurrentOrderTest {
    private static final int ROUNDS = 2000;
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    @Timeout(120)
    void twoThreads_closingABCycleTogether_oneReversalAndOneEdge() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ring(2, round);
        }
    }

    @Test
    @Timeout(120)
    void threeThreads_closingARingTogether_oneReversalAndTwoEdges() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ring(3, round);
        }
    }

    /** {@code n} threads; thread i holds lock i and takes lock i + 1 (mod n), all at once. */
    private void ring(int n, int round) throws Exception {
        Witness w = Witness.create(WitnessOptions.builder().stackDepth(2).build());
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = w.enroll("L" + i, LockKind.SLEEP_MUTEX, 0);
        }
        CyclicBarrier holding = new CyclicBarrier(n);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int me = i;
            done.add(pool.submit(() -> {
                WitnessThread t = w.thread(me, "t" + me);
                int next = (me + 1) % n;
                w.checkOrder(t, ids[me], me + 1, 0, 0, 0);
                w.acquired(t, ids[me], me + 1, 0, 0);
                holding.await();
                w.checkOrder(t, ids[next], next + 1, 0, 0, 0);
                w.acquired(t, ids[next], next + 1, 0, 0);
                w.release(t, ids[next], next + 1, 0, 0);
                w.release(t, ids[me], me + 1, 0, 0);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        List<Finding> findings = w.findings();
        assertEquals(1, findings.size(), () -> "round " + round + ": " + findings);
        assertEquals(Rule.LOCK_ORDER_REVERSAL, findings.get(0).rule());
        assertEquals(n, findings.get(0).locks().size(), () -> "round " + round + ": the whole ring " + findings);
        ReportSnapshot s = w.snapshot();
        List<String> edges = s.edges().stream().filter(e -> !e.reversal()).map(e -> e.from() + "->" + e.to())
                .collect(Collectors.toList());
        List<String> reversals = s.edges().stream().filter(ReportSnapshot.EdgeInfo::reversal)
                .map(e -> e.from() + "->" + e.to()).collect(Collectors.toList());
        assertEquals(n - 1, edges.size(), () -> "round " + round + ": edges " + edges);
        assertEquals(1, reversals.size(), () -> "round " + round + ": reversals " + reversals);
        w.close();
    }
}
