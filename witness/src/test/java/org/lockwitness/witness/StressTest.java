package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lockwitness.witness.report.ReportSnapshot;

/**
 * 8 threads, 1,000,000 random blocking acquisitions over 64 classes, nesting up to 3, checked by an
 * oracle that uses only what each thread did (issue 5):
 * <ol>
 *   <li>every acquisition's observed order plock -&gt; new (FreeBSD's order: the most recent held
 *       lock to the new one) is an order edge or a reversal, or the acquisition hit a reversal
 *       between another held lock and the new one;</li>
 *   <li>every reported reversal lies on a cycle of observed held -&gt; new pairs;</li>
 *   <li>every strongly connected component of observed pairs with more than one class has a
 *       reported reversal within it.</li>
 * </ol>
 */
class StressTest {
    private static final int THREADS = 8;
    private static final int CLASSES = 64;
    private static final int ACQUISITIONS = 1_000_000;
    private static final int MAX_DEPTH = 3;

    /** What one thread did: for each acquisition, the held set (a bit mask), the plock and the new class. */
    private static final class Trace {
        final long[] held = new long[ACQUISITIONS / THREADS];
        final byte[] plock = new byte[ACQUISITIONS / THREADS];
        final byte[] taken = new byte[ACQUISITIONS / THREADS];
    }

    @Test
    @Timeout(90)
    void randomAcquisitions_satisfyTheOracle() throws Exception {
        Witness w = Witness.create(WitnessOptions.builder().stackDepth(4).build());
        int[] ids = new int[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            ids[c] = w.enroll(name(c), LockKind.SLEEP_MUTEX, 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Trace>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int thread = i;
            futures.add(pool.submit(() -> run(w, ids, thread)));
        }
        List<Trace> traces = new ArrayList<>();
        for (Future<Trace> f : futures) {
            traces.add(f.get());
        }
        pool.shutdown();

        ReportSnapshot s = w.snapshot();
        boolean[][] edge = new boolean[CLASSES][CLASSES];
        boolean[][] reversal = new boolean[CLASSES][CLASSES];
        for (ReportSnapshot.EdgeInfo e : s.edges()) {
            (e.reversal() ? reversal : edge)[index(e.from())][index(e.to())] = true;
        }
        Graph<Integer, DefaultEdge> observed = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int c = 0; c < CLASSES; c++) {
            observed.addVertex(c);
        }
        long checked = 0;
        for (Trace t : traces) {
            for (int k = 0; k < t.held.length; k++) {
                long held = t.held[k];
                int n = t.taken[k];
                if (held == 0) {
                    continue;
                }
                boolean hitReversal = false;
                for (int h = 0; h < CLASSES; h++) {
                    if ((held & (1L << h)) != 0) {
                        observed.addEdge(h, n);
                        hitReversal |= reversal[h][n];
                    }
                }
                int p = t.plock[k];
                assertTrue(edge[p][n] || reversal[p][n] || hitReversal,
                        () -> "observed " + name(p) + " -> " + name(n) + " is neither an edge nor a reversal");
                checked++;
            }
        }
        assertTrue(checked > ACQUISITIONS / 2, "most acquisitions happen with a lock held: " + checked);

        KosarajuStrongConnectivityInspector<Integer, DefaultEdge> scc = new KosarajuStrongConnectivityInspector<>(observed);
        List<Finding> reversals = new ArrayList<>();
        for (Finding f : w.findings()) {
            assertEquals(Rule.LOCK_ORDER_REVERSAL, f.rule(), f::toString);
            reversals.add(f);
            int first = index(f.locks().get(0));
            for (String l : f.locks()) {
                assertTrue(scc.stronglyConnectedSets().stream()
                        .anyMatch(set -> set.contains(first) && set.contains(index(l))),
                        () -> "reversal " + f.locks() + " does not lie on a cycle of observed pairs");
            }
        }
        int components = 0;
        for (java.util.Set<Integer> set : scc.stronglyConnectedSets()) {
            if (set.size() < 2) {
                continue;
            }
            components++;
            assertTrue(reversals.stream().anyMatch(f -> f.locks().stream().allMatch(l -> set.contains(index(l)))),
                    () -> "component " + set + " has no reported reversal");
        }
        assertTrue(components > 0, "random orders over 64 classes must form cycles");
    }

    private static Trace run(Witness w, int[] ids, int thread) {
        Trace trace = new Trace();
        SplittableRandom random = new SplittableRandom(1234 + thread);
        WitnessThread t = w.thread(thread, "stress-" + thread);
        int[] stack = new int[MAX_DEPTH];
        int depth = 0;
        long held = 0;
        int done = 0;
        while (done < trace.held.length) {
            if (depth < MAX_DEPTH && (depth == 0 || random.nextInt(10) < 6)) {
                int c;
                do {
                    c = random.nextInt(CLASSES);
                } while ((held & (1L << c)) != 0);
                long instance = (long) thread << 8 | c;
                trace.held[done] = held;
                trace.plock[done] = (byte) (depth == 0 ? 0 : stack[depth - 1]);
                trace.taken[done] = (byte) c;
                done++;
                w.checkOrder(t, ids[c], instance, 0, 0, 0);
                w.acquired(t, ids[c], instance, 0, 0);
                stack[depth++] = c;
                held |= 1L << c;
            } else {
                int c = stack[--depth];
                w.release(t, ids[c], (long) thread << 8 | c, 0, 0);
                held &= ~(1L << c);
            }
        }
        return trace;
    }

    private static String name(int c) {
        return String.format("c%02d", c);
    }

    private static int index(String name) {
        return Integer.parseInt(name.substring(1));
    }
}
