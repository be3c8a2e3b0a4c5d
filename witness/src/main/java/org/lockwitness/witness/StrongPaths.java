package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The reversal search: FreeBSD's {@code isitmydescendant} under lockdep's strong-path rule
 * ({@code check_noncircular}, {@code __bfs} over {@code locks_after} with the "recursive read then
 * shared hold" exclusion), returning the whole path of any length.
 *
 * <h2>Design</h2>
 * A breadth-first search over the states (class, entered by a recursive read) of
 * {@link TopoOrder}, following each class's outgoing edges in insertion order and, per edge, the
 * non-recursive state before the recursive one: the shortest path, ties broken by insertion order,
 * which is the path reports show. When the topological order is exact it also bounds the search: no
 * state with a position above every goal state's can reach a goal, so the search stops at once when
 * the start lies above the goals (the new order agrees with the known ones) and otherwise never
 * enqueues such a state. A dropped state reaches no goal and every state it reaches lies higher
 * still, so no kept state is ever discovered from a dropped one: the kept states are discovered in
 * the same order and from the same parents as without the bound, and the path found is the same.
 * Marks are epoch
 * stamps, so a search allocates only its result.
 *
 * <p>Not thread-safe: used only under the checker lock.
 */
final class StrongPaths {
    private final OrderEdges edges;
    private final TopoOrder order;
    private int[] mark = new int[32];
    private int[] via = new int[32];
    private int[] prev = new int[32];
    private int[] queue = new int[32];
    private int epoch;

    StrongPaths(OrderEdges edges, TopoOrder order) {
        this.edges = edges;
        this.order = order;
    }

    /**
     * A strong path {@code from ~> to} that, together with a closing edge {@code to -> from} of
     * kind {@code closing}, forms a strong cycle; null if there is none. The closing edge enters
     * {@code from} as a recursive read if {@code closing} is ER or SR, and leaves {@code to} from a
     * shared hold if it is SN or SR.
     *
     * @return the edges in order
     */
    List<OrderEdge> find(int from, int to, int closing) {
        if (from == to || !edges.touched(from) || !edges.touched(to)) {
            return null;
        }
        boolean closingShared = Deps.parentShared(closing);
        int start = TopoOrder.node(from, Deps.recursive(closing));
        int bound = Integer.MAX_VALUE;
        if (order.exact()) {
            bound = order.ord(TopoOrder.node(to, false));
            if (!closingShared) {
                bound = Math.max(bound, order.ord(TopoOrder.node(to, true)));
            }
            if (order.ord(start) > bound) {
                return null;
            }
        }
        prepare();
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        mark[start] = epoch;
        while (head < tail) {
            int s = queue[head++];
            int v = s >>> 1;
            boolean enteredR = (s & 1) != 0;
            if (v == to && !(enteredR && closingShared)) {
                return path(start, s);
            }
            int allowed = enteredR ? (Deps.EN | Deps.ER) : Deps.MASK;
            for (int e1 = edges.firstOut(v); e1 != 0; e1 = edges.nextOut(e1 - 1)) {
                int e = e1 - 1;
                int d = edges.deps(e) & allowed;
                int z = 2 * edges.to(e);
                if ((d & (Deps.EN | Deps.SN)) != 0 && visit(z, e, s, bound)) {
                    queue[tail++] = z;
                }
                if ((d & (Deps.ER | Deps.SR)) != 0 && visit(z + 1, e, s, bound)) {
                    queue[tail++] = z + 1;
                }
            }
        }
        return null;
    }

    private boolean visit(int z, int e, int from, int bound) {
        if (mark[z] == epoch || order.ord(z) > bound) {
            return false;
        }
        mark[z] = epoch;
        via[z] = e;
        prev[z] = from;
        return true;
    }

    private List<OrderEdge> path(int start, int goal) {
        List<OrderEdge> path = new ArrayList<>();
        for (int z = goal; z != start; z = prev[z]) {
            path.add(edges.info(via[z]));
        }
        Collections.reverse(path);
        return path;
    }

    /** Sizes the arrays for every state of the graph and starts a new epoch of marks. */
    private void prepare() {
        int states = 2 * edges.classCapacity();
        if (mark.length < states) {
            mark = Arrays.copyOf(mark, states);
            via = new int[states];
            prev = new int[states];
            queue = new int[states];
        }
        if (epoch == Integer.MAX_VALUE) {
            Arrays.fill(mark, 0);
            epoch = 0;
        }
        epoch++;
    }
}
