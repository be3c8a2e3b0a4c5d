package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental order against the search it replaced: random edges of random kinds, each checked
 * before it is added with both {@link OrderGraph#strongPath} and a reference that is the previous
 * unbounded breadth-first search over a plain adjacency list, which must return the same path,
 * edge for edge; and random queries between any two classes after every edge. Some seeds also add
 * edges that close a strong cycle, as FreeBSD's Giant rule does, so the order stops being exact;
 * the larger seeds make paths long enough for several levels on both sides of the search.
 */
class OrderGraphTest {
    private static final int[] KINDS = {Deps.EN, Deps.ER, Deps.SN, Deps.SR};

    /** The reference graph: outgoing edges in insertion order, kinds per edge. */
    private static final class Reference {
        final Map<Integer, List<int[]>> out = new HashMap<>();
        final Map<Long, int[]> byPair = new HashMap<>();

        void add(int from, int to, int dep) {
            int[] e = byPair.get(OrderEdge.key(from, to));
            if (e == null) {
                e = new int[] {from, to, 0};
                byPair.put(OrderEdge.key(from, to), e);
                out.computeIfAbsent(from, k -> new ArrayList<>()).add(e);
            }
            e[2] |= dep;
        }

        boolean vertex(int v) {
            return out.containsKey(v) || byPair.values().stream().anyMatch(e -> e[1] == v);
        }

        /** The search OrderGraph used before the incremental order, on (class, entered-R) states. */
        List<String> strongPath(int from, int to, int closing) {
            if (from == to || !vertex(from) || !vertex(to)) {
                return null;
            }
            boolean closingShared = Deps.parentShared(closing);
            int start = (from << 1) | (Deps.recursive(closing) ? 1 : 0);
            Map<Integer, int[]> parent = new HashMap<>();
            parent.put(start, null);
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                int s = queue.poll();
                boolean enteredR = (s & 1) != 0;
                if (s >>> 1 == to && !(enteredR && closingShared)) {
                    List<String> path = new ArrayList<>();
                    for (int[] st = parent.get(s); st != null; st = parent.get(st[2])) {
                        path.add(st[0] + "->" + st[1]);
                    }
                    Collections.reverse(path);
                    return path;
                }
                int allowed = enteredR ? (Deps.EN | Deps.ER) : Deps.MASK;
                for (int[] e : out.getOrDefault(s >>> 1, List.of())) {
                    int d = e[2] & allowed;
                    if ((d & (Deps.EN | Deps.SN)) != 0 && !parent.containsKey(e[1] << 1)) {
                        parent.put(e[1] << 1, new int[] {e[0], e[1], s});
                        queue.add(e[1] << 1);
                    }
                    if ((d & (Deps.ER | Deps.SR)) != 0 && !parent.containsKey((e[1] << 1) | 1)) {
                        parent.put((e[1] << 1) | 1, new int[] {e[0], e[1], s});
                        queue.add((e[1] << 1) | 1);
                    }
                }
            }
            return null;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void strongPath_matchesTheUnboundedSearch_edgeForEdge(long seed) {
        boolean forceCycles = seed % 2 == 0;
        SplittableRandom random = new SplittableRandom(seed);
        int classes = seed > 8 ? 150 + random.nextInt(100) : 12 + random.nextInt(40);
        OrderCache cache = new OrderCache(1 << 20);
        OrderGraph graph = new OrderGraph(cache);
        Reference ref = new Reference();
        int added = 0;
        int reversals = 0;
        for (int round = 0; round < (seed > 8 ? 4000 : 1500); round++) {
            int u = 1 + random.nextInt(classes);
            int v = 1 + random.nextInt(classes);
            if (u == v) {
                continue;
            }
            int dep = KINDS[random.nextInt(KINDS.length)];
            List<String> expected = ref.strongPath(v, u, dep);
            assertEquals(expected, names(graph.strongPath(v, u, dep)), "edge " + u + "->" + v + " kind " + dep);
            if (expected == null || (forceCycles && random.nextInt(20) == 0)) {
                graph.addEdge(cache.claim(u, v), dep, new OrderEdge(u, v, false, false, "t", 0));
                ref.add(u, v, dep);
                added++;
            } else {
                reversals++;
            }
            for (int q = 0; q < 3; q++) {
                int a = 1 + random.nextInt(classes);
                int b = 1 + random.nextInt(classes);
                int closing = KINDS[random.nextInt(KINDS.length)];
                assertEquals(ref.strongPath(a, b, closing), names(graph.strongPath(a, b, closing)),
                        "query " + a + "~>" + b + " closing " + closing);
            }
        }
        assertTrue(added > 100 && reversals > 100, "added " + added + ", reversals " + reversals);
    }

    private static List<String> names(List<OrderEdge> path) {
        if (path == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (OrderEdge e : path) {
            names.add(e.from + "->" + e.to);
        }
        return names;
    }
}
