package org.lockwitness.witness;

import java.util.Arrays;

/**
 * An incremental topological order of the lock-order graph's strong-path states: Pearce and
 * Kelly's dynamic topological sort (D. J. Pearce, P. H. J. Kelly, "A Dynamic Topological Sort
 * Algorithm for Directed Acyclic Graphs", ACM JEA 11, 2006), the algorithm of Abseil's
 * {@code GraphCycles} and Rust's {@code tracing-mutex}. With it {@link StrongPaths} answers "is
 * there a path?" without a search when the order already says no, and searches only the region
 * between the two ends otherwise.
 *
 * <h2>Why a derived graph</h2>
 * The order graph is not a DAG: lockdep's strong-path rule keeps a cycle that is not strong, one in
 * which a recursive-read edge {@code -(*R)->} is followed by an edge out of a shared hold
 * {@code -(S*)->} (a reader that cannot block behind a writer closes no deadlock). A topological
 * order of the classes cannot exist then, and JGraphT's {@code DirectedAcyclicGraph} would reject
 * the edge. So the order is kept on the derived graph D that the search already walks: its vertices
 * are the states (class, entered by a recursive read), two per class, and its edges the
 * {@link Deps} variants of each order edge: from (u,N) along any kind, to (v,R) for ER or SR and to
 * (v,N) for EN or SN; from (u,R) only along EN, to (v,N), and ER, to (v,R).
 *
 * <p><b>D has a cycle if and only if the order graph has a strong cycle.</b> A cycle of D projects
 * to a closed walk of the order graph in which every step obeys the rule, including the step where
 * the walk wraps around: a strong cycle. Conversely, label each vertex of a strong cycle with how
 * the cycle enters it; each step then is a variant, and the labelled walk is a cycle of D. The order
 * check adds an edge only when the search found no strong path that the edge closes, and that
 * search, from the child's state to the parent's, is a path search in D; so the new variants close
 * no cycle of D and D stays acyclic. With one exception: FreeBSD skips the check of an acquire of
 * Giant against a sleepable lock held before it, so an edge {@code lock -> Giant} may close a strong
 * cycle. Its variants that would close a cycle are left out of the order (counted in
 * {@link #exact}); while there is one, the order is a topological order of D minus those variants
 * only, and the search does not rely on it.
 *
 * <h2>Design</h2>
 * {@code ord[2 * class + enteredR]} is the position of a state; positions are distinct ints, not
 * necessarily contiguous. A class gets its two positions when it gets its first edge: at the front
 * as that edge's source, at the back as its target, so the edge agrees. A new variant
 * {@code x -> y} with {@code ord[x] < ord[y]} costs nothing. Otherwise, if x's class has no
 * incoming edge, its two states move to the front; if y's class has no outgoing edge, to the back
 * (a state with no predecessor may precede everything). Otherwise Pearce-Kelly: the forward set
 * {@code F} (states reachable from y with a position below x's; reaching x means a cycle) and the
 * backward set {@code B} (states reaching x with a position above y's) swap places: the positions of
 * both, sorted, go first to B, then to F, each in its old relative order. The k-th state of F gets
 * a position no lower than its own and the k-th of B none higher, so every other edge stays
 * forward. The cost is the affected region, not the graph. Positions only shrink at the front and
 * grow at the back by two per class placed and per move, at most one move per new kind of an edge,
 * so they stay within an int for every allowed limit.
 *
 * <p>Design departure: the design document has the lock-order graph in JGraphT; this order and
 * the edges it walks ({@link OrderEdges}) are primitive int arrays instead, because a new order is
 * the measured hot spot of the slow path and JGraphT's object graph costs hundreds of bytes per
 * edge. JGraphT stays where it serves: the configuration's declared orders ({@link WitnessConfig})
 * and the tests' oracle.
 *
 * <p>Not thread-safe: used only under the checker lock.
 */
final class TopoOrder {
    private final OrderEdges edges;
    private int[] ord = new int[32];
    private int front;
    private int back;
    private int unordered;

    private int[] mark = new int[32];
    private int epoch;
    private int[] stack = new int[16];
    private int sp;
    private long[] forward = new long[16];
    private int nf;
    private long[] backward = new long[16];
    private int nb;
    private int[] pool = new int[16];

    TopoOrder(OrderEdges edges) {
        this.edges = edges;
    }

    /** The state (class, entered by a recursive read). */
    static int node(int cls, boolean enteredR) {
        return 2 * cls + (enteredR ? 1 : 0);
    }

    /** True if the order is a topological order of the whole derived graph. */
    boolean exact() {
        return unordered == 0;
    }

    /** The position of a state of a class that has an edge. */
    int ord(int node) {
        return ord[node];
    }

    /** Positions a class that just got its first edge, at the front as its source, else at the back. */
    void place(int cls, boolean source) {
        if (2 * cls + 1 >= ord.length) {
            int n = Math.max(2 * cls + 2, ord.length * 2);
            ord = Arrays.copyOf(ord, n);
            mark = Arrays.copyOf(mark, n);
        }
        if (source) {
            toFront(cls);
        } else {
            toBack(cls);
        }
    }

    /** Orders the new {@code variants} of edge {@code e}, whose classes are placed. */
    void insert(int e, int variants) {
        int u = edges.from(e);
        int v = edges.to(e);
        for (int bit = Deps.V_NN; bit <= Deps.V_RR; bit <<= 1) {
            if ((variants & bit) == 0) {
                continue;
            }
            int x = node(u, bit >= Deps.V_RN);
            int y = node(v, (bit & (Deps.V_NR | Deps.V_RR)) != 0);
            if (ord[x] < ord[y] || shortcut(u, v) || reorder(x, y)) {
                edges.setOrdered(e, bit);
            } else {
                unordered++;
            }
        }
    }

    /** Forgets every position. */
    void clear() {
        front = 0;
        back = 0;
        unordered = 0;
    }

    private boolean shortcut(int u, int v) {
        if (edges.inDegree(u) == 0) {
            toFront(u);
            return true;
        }
        if (edges.outDegree(v) == 0) {
            toBack(v);
            return true;
        }
        return false;
    }

    private void toFront(int cls) {
        ord[2 * cls + 1] = --front;
        ord[2 * cls] = --front;
    }

    private void toBack(int cls) {
        ord[2 * cls] = ++back;
        ord[2 * cls + 1] = ++back;
    }

    /** Pearce-Kelly for {@code x -> y} with {@code ord[y] < ord[x]}; false if it closes a cycle. */
    private boolean reorder(int x, int y) {
        if (epoch >= Integer.MAX_VALUE - 2) {
            Arrays.fill(mark, 0);
            epoch = 0;
        }
        epoch += 2;
        nf = 0;
        if (!forwardFrom(y, x, ord[x])) {
            return false;
        }
        nb = 0;
        backwardFrom(x, ord[y]);
        Arrays.sort(forward, 0, nf);
        Arrays.sort(backward, 0, nb);
        if (pool.length < nf + nb) {
            pool = new int[Math.max(nf + nb, pool.length * 2)];
        }
        int i = 0;
        int j = 0;
        for (int k = 0; k < nf + nb; k++) {
            boolean fromB = j == nf || (i < nb && backward[i] < forward[j]);
            pool[k] = (int) ((fromB ? backward[i++] : forward[j++]) >> 32);
        }
        for (int k = 0; k < nb; k++) {
            ord[(int) backward[k]] = pool[k];
        }
        for (int k = 0; k < nf; k++) {
            ord[(int) forward[k]] = pool[nb + k];
        }
        return true;
    }

    /** Collects F: the states reachable from {@code y} below {@code ub}; false if {@code x} is one. */
    private boolean forwardFrom(int y, int x, int ub) {
        sp = 0;
        push(y, epoch);
        while (sp > 0) {
            int w = stack[--sp];
            forward = add(forward, nf++, w);
            boolean enteredR = (w & 1) != 0;
            int toN = enteredR ? Deps.V_RN : Deps.V_NN;
            int toR = enteredR ? Deps.V_RR : Deps.V_NR;
            int[] list = edges.out(w >>> 1);
            for (int i = edges.outDegree(w >>> 1) - 1; i >= 0; i--) {
                int vs = OrderEdges.orderedOf(list[i]);
                int z = 2 * OrderEdges.neighbor(list[i]);
                if (((vs & toN) != 0 && !visitForward(z, x, ub)) || ((vs & toR) != 0 && !visitForward(z + 1, x, ub))) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean visitForward(int z, int x, int ub) {
        if (z == x) {
            return false;
        }
        if (ord[z] < ub && mark[z] != epoch) {
            push(z, epoch);
        }
        return true;
    }

    /** Collects B: the states that reach {@code x} above {@code lb}. */
    private void backwardFrom(int x, int lb) {
        int seen = epoch + 1;
        sp = 0;
        push(x, seen);
        while (sp > 0) {
            int w = stack[--sp];
            backward = add(backward, nb++, w);
            boolean enteredR = (w & 1) != 0;
            int fromN = enteredR ? Deps.V_NR : Deps.V_NN;
            int fromR = enteredR ? Deps.V_RR : Deps.V_RN;
            int[] list = edges.in(w >>> 1);
            for (int i = edges.inDegree(w >>> 1) - 1; i >= 0; i--) {
                int vs = OrderEdges.orderedOf(list[i]);
                int z = 2 * OrderEdges.neighbor(list[i]);
                if ((vs & fromN) != 0 && ord[z] > lb && mark[z] != seen) {
                    push(z, seen);
                }
                if ((vs & fromR) != 0 && ord[z + 1] > lb && mark[z + 1] != seen) {
                    push(z + 1, seen);
                }
            }
        }
    }

    private void push(int node, int stamp) {
        mark[node] = stamp;
        if (sp == stack.length) {
            stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = node;
    }

    /** Stores (position, state) at {@code i}, sortable by position, growing the array if needed. */
    private long[] add(long[] a, int i, int node) {
        long[] b = i < a.length ? a : Arrays.copyOf(a, a.length * 2);
        b[i] = ((long) ord[node] << 32) | node;
        return b;
    }
}
