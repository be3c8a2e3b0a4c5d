package org.lockwitness.witness;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The lock-order graph: vertices are class ids, edges {@link OrderEdge}s, kept in a JGraphT
 * {@link DefaultDirectedGraph}, plus the reversals, which never enter it.
 *
 * <p>The graph is acyclic in lockdep's sense: it may contain a cycle only if that cycle is not
 * strong, that is if somewhere along it a recursive-read edge {@code -(*R)->} is followed by an
 * edge out of a shared hold {@code -(S*)->} (a reader that cannot block behind a writer never
 * closes a cycle). Without shared locks every path is strong and this is FreeBSD's DAG.
 * {@link #strongPath} answers FreeBSD's {@code isitmydescendant} under that rule by a breadth-first
 * search over (class, entered-by-recursive-read) states, so it returns the whole path of any length.
 *
 * <p>Not thread-safe: used only under the checker lock (the slow path).
 */
final class OrderGraph {
    private final Graph<Integer, OrderEdge> graph = new DefaultDirectedGraph<>(null, null, false);
    private final Map<Long, OrderEdge> reversals = new LinkedHashMap<>();

    /** The edge {@code from -> to} of the graph, or null. */
    OrderEdge edge(int from, int to) {
        if (!graph.containsVertex(from) || !graph.containsVertex(to)) {
            return null;
        }
        return graph.getEdge(from, to);
    }

    /** Adds {@code dep} to the edge {@code from -> to}, creating it with {@code prototype} if new. */
    OrderEdge addEdge(int from, int to, int dep, OrderEdge prototype) {
        OrderEdge e = edge(from, to);
        if (e == null) {
            graph.addVertex(from);
            graph.addVertex(to);
            e = prototype;
            graph.addEdge(from, to, e);
        }
        e.deps |= dep;
        return e;
    }

    OrderEdge addReversal(int from, int to, int dep, OrderEdge prototype) {
        OrderEdge e = reversals.computeIfAbsent(OrderEdge.key(from, to), k -> prototype);
        e.deps |= dep;
        return e;
    }

    /**
     * A strong path {@code from ~> to} that, together with a closing edge {@code to -> from} of kind
     * {@code closing}, forms a strong cycle; null if there is none. The closing edge enters
     * {@code from} as a recursive read if {@code closing} is ER or SR, and leaves {@code to} from
     * a shared hold if it is SN or SR.
     *
     * @return the edges in order, empty only if {@code from == to}
     */
    List<OrderEdge> strongPath(int from, int to, int closing) {
        if (from == to || !graph.containsVertex(from) || !graph.containsVertex(to)) {
            return null;
        }
        boolean closingShared = OrderMatrix.parentShared(closing);
        int start = state(from, OrderMatrix.recursive(closing));
        Map<Integer, Step> parent = new HashMap<>();
        parent.put(start, null);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int v = s >>> 1;
            boolean enteredR = (s & 1) != 0;
            if (v == to && !(enteredR && closingShared)) {
                return path(s, parent);
            }
            int allowed = enteredR ? (OrderMatrix.DEP_EN | OrderMatrix.DEP_ER) : OrderMatrix.DEP_MASK;
            for (OrderEdge e : graph.outgoingEdgesOf(v)) {
                int d = e.deps & allowed;
                if ((d & (OrderMatrix.DEP_EN | OrderMatrix.DEP_SN)) != 0) {
                    visit(state(e.to, false), e, s, parent, queue);
                }
                if ((d & (OrderMatrix.DEP_ER | OrderMatrix.DEP_SR)) != 0) {
                    visit(state(e.to, true), e, s, parent, queue);
                }
            }
        }
        return null;
    }

    private static int state(int v, boolean enteredR) {
        return (v << 1) | (enteredR ? 1 : 0);
    }

    private static void visit(int next, OrderEdge e, int from, Map<Integer, Step> parent,
            ArrayDeque<Integer> queue) {
        if (!parent.containsKey(next)) {
            parent.put(next, new Step(e, from));
            queue.add(next);
        }
    }

    private static List<OrderEdge> path(int goal, Map<Integer, Step> parent) {
        List<OrderEdge> path = new ArrayList<>();
        for (Step st = parent.get(goal); st != null; st = parent.get(st.prev)) {
            path.add(st.edge);
        }
        Collections.reverse(path);
        return path;
    }

    private static final class Step {
        final OrderEdge edge;
        final int prev;

        Step(OrderEdge edge, int prev) {
            this.edge = edge;
            this.prev = prev;
        }
    }

    List<OrderEdge> edges() {
        return new ArrayList<>(graph.edgeSet());
    }

    List<OrderEdge> reversals() {
        return new ArrayList<>(reversals.values());
    }

    void clear() {
        graph.removeAllVertices(new ArrayList<>(graph.vertexSet()));
        reversals.clear();
    }
}
