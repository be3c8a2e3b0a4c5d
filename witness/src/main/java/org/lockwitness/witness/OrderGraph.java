package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock-order graph: vertices are class ids, edges {@link OrderEdge}s (FreeBSD's
 * {@code w_child} tree and {@code w_lodata}, lockdep's dependency list), plus the reversals, which
 * never enter it.
 *
 * <p>The graph is acyclic in lockdep's sense: it may contain a cycle only if that cycle is not
 * strong, that is if somewhere along it a recursive-read edge {@code -(*R)->} is followed by an
 * edge out of a shared hold {@code -(S*)->} (a reader that cannot block behind a writer never
 * closes a cycle). Without shared locks every path is strong and this is FreeBSD's DAG.
 *
 * <h2>Design</h2>
 * The edges live in primitive arrays ({@link OrderEdges}); the {@link OrderCache} maps a class pair
 * to its edge; a {@link TopoOrder} keeps an incremental topological order of the strong-path states,
 * so that {@link #strongPath} ({@link StrongPaths}) searches nothing for an order that agrees with
 * it and only the affected region otherwise. A new kind of an edge enters the topological order as
 * soon as it enters the graph. See {@link TopoOrder} for why the order is kept on derived states and
 * for the departure from the design document's JGraphT graph.
 *
 * <p>Not thread-safe: used only under the checker lock (the slow path).
 */
final class OrderGraph {
    private final OrderCache cache;
    private final OrderEdges edges = new OrderEdges();
    private final TopoOrder order = new TopoOrder(edges);
    private final StrongPaths paths = new StrongPaths(edges, order);
    private final Map<Long, OrderEdge> reversals = new LinkedHashMap<>();

    /** A graph whose class pairs are kept in {@code cache}. */
    OrderGraph(OrderCache cache) {
        this.cache = cache;
    }

    /** The edges, for searches of their own ({@link IrqChains}); not to be changed. */
    OrderEdges adjacency() {
        return edges;
    }

    /** The edge {@code from -> to} of the graph, or null. */
    OrderEdge edge(int from, int to) {
        int e = cache.edge(from, to);
        return e == 0 ? null : edges.info(e - 1);
    }

    /** The edge of the pair in the cache's {@code slot}, or null. */
    OrderEdge edgeAt(int slot) {
        int e = cache.edgeAt(slot);
        return e == 0 ? null : edges.info(e - 1);
    }

    /**
     * Adds {@code dep} to the edge of the pair in the cache's {@code slot}, creating it with
     * {@code prototype}, which names the pair, if new.
     */
    void addEdge(int slot, int dep, OrderEdge prototype) {
        int e = cache.edgeAt(slot) - 1;
        if (e < 0) {
            int from = prototype.from;
            int to = prototype.to;
            boolean newFrom = !edges.touched(from);
            boolean newTo = !edges.touched(to);
            e = edges.add(prototype);
            cache.setEdgeAt(slot, e + 1);
            if (newFrom) {
                order.place(from, true);
            }
            if (newTo) {
                order.place(to, false);
            }
        }
        int old = edges.deps(e);
        int now = old | dep;
        if (now != old) {
            edges.addDeps(e, dep);
            order.insert(e, Deps.variants(now) & ~Deps.variants(old));
        }
    }

    void addReversal(int from, int to, OrderEdge prototype) {
        reversals.putIfAbsent(OrderEdge.key(from, to), prototype);
    }

    /**
     * A strong path {@code from ~> to} that, together with a closing edge {@code to -> from} of kind
     * {@code closing}, forms a strong cycle; null if there is none ({@link StrongPaths#find}).
     */
    List<OrderEdge> strongPath(int from, int to, int closing) {
        int[] classes = paths.find(from, to, closing);
        if (classes == null) {
            return null;
        }
        List<OrderEdge> path = new ArrayList<>(classes.length - 1);
        for (int i = 1; i < classes.length; i++) {
            path.add(edge(classes[i - 1], classes[i]));
        }
        return path;
    }

    /** The edges in insertion order. */
    List<OrderEdge> edges() {
        return edges.records();
    }

    List<OrderEdge> reversals() {
        return new ArrayList<>(reversals.values());
    }

    /** Forgets edges and reversals; the caller clears the cache. */
    void clear() {
        edges.clear();
        order.clear();
        reversals.clear();
    }
}
