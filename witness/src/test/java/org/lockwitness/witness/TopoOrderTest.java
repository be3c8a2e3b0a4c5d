package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Pearce-Kelly invariant: after every insertion, every variant the order holds goes forward,
 * whatever the insertion order; a variant that closes a cycle is left out and makes the order
 * inexact.
 */
class TopoOrderTest {
    private final OrderEdges edges = new OrderEdges();
    private final TopoOrder order = new TopoOrder(edges);
    private final OrderCache cache = new OrderCache(1 << 20);

    /** Adds {@code dep} to {@code u -> v}, as {@link OrderGraph#addEdge} does. */
    private void add(int u, int v, int dep) {
        int slot = cache.claim(u, v);
        int e = cache.edgeAt(slot) - 1;
        if (e < 0) {
            boolean newU = !edges.touched(u);
            boolean newV = !edges.touched(v);
            e = edges.add(new OrderEdge(u, v, false, false, "t", 0));
            cache.setEdgeAt(slot, e + 1);
            if (newU) {
                order.place(u, true);
            }
            if (newV) {
                order.place(v, false);
            }
        }
        int old = edges.deps(e);
        edges.addDeps(e, dep);
        order.insert(e, Deps.variants(old | dep) & ~Deps.variants(old));
    }

    /** Checks that every ordered variant goes forward, from both ends of its edge; returns how many there are. */
    private int forwardVariants() {
        int n = 0;
        for (int u = 0; u < edges.classCapacity(); u++) {
            int[] out = edges.out(u);
            for (int i = 0; i < edges.outDegree(u); i++) {
                int v = OrderEdges.neighbor(out[i]);
                int ordered = OrderEdges.orderedOf(out[i]);
                assertEquals(ordered, orderedIn(u, v), "both entries of " + u + " -> " + v);
                for (int bit = Deps.V_NN; bit <= Deps.V_RR; bit <<= 1) {
                    if ((ordered & bit) != 0) {
                        int x = TopoOrder.node(u, bit >= Deps.V_RN);
                        int y = TopoOrder.node(v, (bit & (Deps.V_NR | Deps.V_RR)) != 0);
                        assertTrue(order.ord(x) < order.ord(y), "variant " + bit + " of " + u + " -> " + v + " goes backward");
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private int orderedIn(int u, int v) {
        int[] in = edges.in(v);
        for (int i = 0; i < edges.inDegree(v); i++) {
            if (OrderEdges.neighbor(in[i]) == u) {
                return OrderEdges.orderedOf(in[i]);
            }
        }
        return -1;
    }

    private int ordered(int u, int v) {
        int[] out = edges.out(u);
        for (int i = 0; i < edges.outDegree(u); i++) {
            if (OrderEdges.neighbor(out[i]) == v) {
                return OrderEdges.orderedOf(out[i]);
            }
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void randomConsistentEdges_inRandomOrder_keepEveryVariantForward(int classes) {
        SplittableRandom random = new SplittableRandom(classes);
        int[] rankOf = new int[classes + 1];
        for (int c = 1; c <= classes; c++) {
            rankOf[c] = random.nextInt(1_000_000);
        }
        for (int i = 0; i < classes * 5; i++) {
            int u = 1 + random.nextInt(classes);
            int v = 1 + random.nextInt(classes);
            if (rankOf[u] == rankOf[v]) {
                continue;
            }
            if (rankOf[u] > rankOf[v]) {
                int x = u;
                u = v;
                v = x;
            }
            add(u, v, 1 << random.nextInt(4));
            if (i % 50 == 0 || classes <= 100) {
                forwardVariants();
            }
        }
        assertTrue(order.exact());
        int variants = forwardVariants();
        int all = 0;
        for (OrderEdge e : edges.records()) {
            all += Integer.bitCount(Deps.variants(edges.deps(cache.edge(e.from, e.to) - 1)));
        }
        assertEquals(all, variants, "every variant is ordered");
    }

    @Test
    void aVariantClosingACycle_isLeftOut_andTheOrderIsNoLongerExact() {
        add(1, 2, Deps.EN);
        add(2, 3, Deps.EN);
        add(3, 4, Deps.EN);
        assertTrue(order.exact());
        add(4, 1, Deps.EN);
        assertFalse(order.exact());
        forwardVariants();
        assertEquals(Deps.V_RN, ordered(4, 1),
                "the (N,N) variant of 4 -> 1 closes the cycle; (R,N) does not, since nothing enters 4 as R");
    }

    @Test
    void aNonStrongCycle_isOrdered() {
        // 1 -(SR)-> 2 -(SN)-> 3 -(EN)-> 1: the recursive read into 2 is followed by a shared hold
        add(1, 2, Deps.SR);
        add(2, 3, Deps.SN);
        add(3, 1, Deps.EN);
        assertTrue(order.exact());
        assertEquals(4, forwardVariants());
    }
}
