package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockwitness.witness.report.ReportSnapshot;

/**
 * 8 threads, 1,000,000 random blocking acquisitions over 64 classes, and again over 10,000
 * classes, nesting up to 3, checked by an oracle that uses only what each thread did (issue 5):
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
    private static final int ACQUISITIONS = 1_000_000;
    private static final int MAX_DEPTH = 3;
    private static final int PER_THREAD = ACQUISITIONS / THREADS;

    /** What one thread did: for each acquisition, the classes held (-1: none), the plock and the new class. */
    private static final class Trace {
        final int[] held = new int[PER_THREAD * MAX_DEPTH];
        final int[] plock = new int[PER_THREAD];
        final int[] taken = new int[PER_THREAD];
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 10_000})
    @Timeout(600)
    void randomAcquisitions_satisfyTheOracle(int classes) throws Exception {
        Witness w = Witness.create(WitnessOptions.builder().classLimit(Math.max(classes, WitnessOptions.DEFAULT_CLASS_LIMIT))
                .stackDepth(4).build());
        int[] ids = new int[classes];
        for (int c = 0; c < classes; c++) {
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
        Pairs edge = new Pairs();
        Pairs reversal = new Pairs();
        for (ReportSnapshot.EdgeInfo e : s.edges()) {
            (e.reversal() ? reversal : edge).add(pair(index(e.from()), index(e.to())));
        }
        edge.seal();
        reversal.seal();
        Pairs observedPairs = new Pairs();
        long checked = 0;
        for (Trace t : traces) {
            for (int k = 0; k < PER_THREAD; k++) {
                int n = t.taken[k];
                if (t.held[k * MAX_DEPTH] < 0) {
                    continue;
                }
                boolean hitReversal = false;
                for (int d = 0; d < MAX_DEPTH && t.held[k * MAX_DEPTH + d] >= 0; d++) {
                    int h = t.held[k * MAX_DEPTH + d];
                    observedPairs.add(pair(h, n));
                    hitReversal |= reversal.contains(pair(h, n));
                }
                int p = t.plock[k];
                assertTrue(edge.contains(pair(p, n)) || reversal.contains(pair(p, n)) || hitReversal,
                        () -> "observed " + name(p) + " -> " + name(n) + " is neither an edge nor a reversal");
                checked++;
            }
        }
        assertTrue(checked > ACQUISITIONS / 2, "most acquisitions happen with a lock held: " + checked);
        observedPairs.seal();
        Graph<Integer, DefaultEdge> observed = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int c = 0; c < classes; c++) {
            observed.addVertex(c);
        }
        observedPairs.forEach(p -> observed.addEdge((int) (p >>> 32), (int) p));

        KosarajuStrongConnectivityInspector<Integer, DefaultEdge> scc = new KosarajuStrongConnectivityInspector<>(observed);
        Map<Integer, Integer> component = new HashMap<>();
        List<Set<Integer>> sets = scc.stronglyConnectedSets();
        for (int i = 0; i < sets.size(); i++) {
            for (int c : sets.get(i)) {
                component.put(c, i);
            }
        }
        List<Finding> reversals = new ArrayList<>();
        for (Finding f : w.findings()) {
            assertEquals(Rule.LOCK_ORDER_REVERSAL, f.rule(), f::toString);
            reversals.add(f);
            int first = component.get(index(f.locks().get(0)));
            for (String l : f.locks()) {
                assertEquals(first, component.get(index(l)),
                        () -> "reversal " + f.locks() + " does not lie on a cycle of observed pairs");
            }
        }
        int components = 0;
        for (Set<Integer> set : sets) {
            if (set.size() < 2) {
                continue;
            }
            components++;
            assertTrue(reversals.stream().anyMatch(f -> f.locks().stream().allMatch(l -> set.contains(index(l)))),
                    () -> "component " + set + " has no reported reversal");
        }
        assertTrue(components > 0, "random orders over " + classes + " classes must form cycles");
    }

    /**
     * A set of class pairs as a sorted array without duplicates: the oracle's sets hold up to three
     * million pairs, which boxed in a {@code HashSet<Long>} (whose hash of {@code from << 32 | to}
     * is {@code from ^ to}, a few thousand values for 10,000 classes) took a fifth of the test.
     */
    private static final class Pairs {
        private long[] pairs = new long[1024];
        private int size;

        void add(long pair) {
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, size * 2);
            }
            pairs[size++] = pair;
        }

        /** Sorts and drops duplicates; {@link #contains} and {@link #forEach} only after this. */
        void seal() {
            Arrays.sort(pairs, 0, size);
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (n == 0 || pairs[n - 1] != pairs[i]) {
                    pairs[n++] = pairs[i];
                }
            }
            size = n;
        }

        boolean contains(long pair) {
            return Arrays.binarySearch(pairs, 0, size, pair) >= 0;
        }

        void forEach(LongConsumer action) {
            for (int i = 0; i < size; i++) {
                action.accept(pairs[i]);
            }
        }
    }

    private static Trace run(Witness w, int[] ids, int thread) {
        Trace trace = new Trace();
        SplittableRandom random = new SplittableRandom(1234 + thread);
        WitnessThread t = w.thread(thread, "stress-" + thread);
        int[] stack = new int[MAX_DEPTH];
        int depth = 0;
        int done = 0;
        while (done < PER_THREAD) {
            if (depth < MAX_DEPTH && (depth == 0 || random.nextInt(10) < 6)) {
                int c = random.nextInt(ids.length);
                while (held(stack, depth, c)) {
                    c = random.nextInt(ids.length);
                }
                for (int d = 0; d < MAX_DEPTH; d++) {
                    trace.held[done * MAX_DEPTH + d] = d < depth ? stack[d] : -1;
                }
                trace.plock[done] = depth == 0 ? 0 : stack[depth - 1];
                trace.taken[done] = c;
                done++;
                long instance = (long) thread << 16 | c;
                w.checkOrder(t, ids[c], instance, 0, 0, 0);
                w.acquired(t, ids[c], instance, 0, 0);
                stack[depth++] = c;
            } else {
                int c = stack[--depth];
                w.release(t, ids[c], (long) thread << 16 | c, 0, 0);
            }
        }
        return trace;
    }

    private static boolean held(int[] stack, int depth, int c) {
        for (int d = 0; d < depth; d++) {
            if (stack[d] == c) {
                return true;
            }
        }
        return false;
    }

    private static long pair(int from, int to) {
        return ((long) from << 32) | to;
    }

    private static String name(int c) {
        return String.format("c%02d", c);
    }

    private static int index(String name) {
        return Integer.parseInt(name.substring(1));
    }
}
