package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The edges of the lock-order graph in primitive arrays: for each class, its outgoing and incoming
 * edges in insertion order (FreeBSD's {@code w_child} lists, lockdep's {@code locks_after} and
 * {@code locks_before}); for each edge, its {@link OrderEdge} record.
 *
 * <h2>Design</h2>
 * The searches ({@link StrongPaths}, {@link TopoOrder}) walk adjacency lists over and over, so each
 * list is one contiguous {@code int[]} per class and direction whose entries pack everything a walk
 * reads: the other class (bits 8 to 27), the edge's dependency kinds ({@link Deps}, bits 0 to 3) and
 * the variants the topological order holds (bits 4 to 7). A walk therefore touches one array per
 * class and the marks of the states it reaches, nothing else. The same edge has an entry in its
 * source's outgoing list and its target's incoming list; both positions are kept per edge, so that
 * adding a kind or an ordered variant updates both in constant time. Edges are numbered densely
 * from 0 in insertion order. Arrays grow geometrically with the edges and with the largest class id
 * that has an edge, never with the class limit: per edge about 30 bytes plus its record, per class
 * with edges two small arrays. Nothing is ever removed but by {@link #clear}.
 *
 * <p>Not thread-safe: used only under the checker lock.
 */
final class OrderEdges {
    private static final int NEIGHBOR_SHIFT = 8;
    private static final int ORDERED_SHIFT = 4;
    private static final int[] NONE = new int[0];

    private int count;
    private OrderEdge[] info = new OrderEdge[16];
    private int[] posOut = new int[16];
    private int[] posIn = new int[16];

    private int[][] out = new int[16][];
    private int[][] in = new int[16][];
    private int[] outDegree = new int[16];
    private int[] inDegree = new int[16];

    /** The class an adjacency entry leads to (its target in an outgoing list, its source in an incoming one). */
    static int neighbor(int entry) {
        return entry >>> NEIGHBOR_SHIFT;
    }

    /** The dependency kinds of an adjacency entry's edge. */
    static int kindsOf(int entry) {
        return entry & Deps.MASK;
    }

    /** The variants of an adjacency entry's edge that the topological order holds. */
    static int orderedOf(int entry) {
        return (entry >>> ORDERED_SHIFT) & Deps.MASK;
    }

    /** Appends the edge {@code record.from -> record.to} with no kinds yet and returns its number. */
    int add(OrderEdge record) {
        int u = record.from;
        int v = record.to;
        if (count == info.length) {
            int n = count * 2;
            info = Arrays.copyOf(info, n);
            posOut = Arrays.copyOf(posOut, n);
            posIn = Arrays.copyOf(posIn, n);
        }
        ensureClass(Math.max(u, v));
        int e = count++;
        info[e] = record;
        posOut[e] = outDegree[u];
        posIn[e] = inDegree[v];
        out[u] = append(out[u], outDegree[u]++, v << NEIGHBOR_SHIFT);
        in[v] = append(in[v], inDegree[v]++, u << NEIGHBOR_SHIFT);
        return e;
    }

    OrderEdge info(int e) {
        return info[e];
    }

    int from(int e) {
        return info[e].from;
    }

    int to(int e) {
        return info[e].to;
    }

    int deps(int e) {
        return kindsOf(out[from(e)][posOut[e]]);
    }

    /** Adds kinds to edge {@code e}. */
    void addDeps(int e, int deps) {
        out[from(e)][posOut[e]] |= deps;
        in[to(e)][posIn[e]] |= deps;
    }

    void setOrdered(int e, int variant) {
        out[from(e)][posOut[e]] |= variant << ORDERED_SHIFT;
        in[to(e)][posIn[e]] |= variant << ORDERED_SHIFT;
    }

    /** The outgoing entries of class {@code c}, valid up to {@link #outDegree}. */
    int[] out(int c) {
        return c < out.length && out[c] != null ? out[c] : NONE;
    }

    int outDegree(int c) {
        return c < outDegree.length ? outDegree[c] : 0;
    }

    /** The incoming entries of class {@code c}, valid up to {@link #inDegree}. */
    int[] in(int c) {
        return c < in.length && in[c] != null ? in[c] : NONE;
    }

    int inDegree(int c) {
        return c < inDegree.length ? inDegree[c] : 0;
    }

    /** Whether class {@code c} has an edge, i.e. is a vertex of the graph. */
    boolean touched(int c) {
        return outDegree(c) != 0 || inDegree(c) != 0;
    }

    /** One more than the largest class id the arrays can hold. */
    int classCapacity() {
        return outDegree.length;
    }

    /** The records in insertion order. */
    List<OrderEdge> records() {
        return new ArrayList<>(Arrays.asList(info).subList(0, count));
    }

    /** Forgets every edge; the lists keep their capacity. */
    void clear() {
        count = 0;
        Arrays.fill(info, null);
        Arrays.fill(outDegree, 0);
        Arrays.fill(inDegree, 0);
    }

    private static int[] append(int[] list, int size, int entry) {
        int[] l = list == null ? new int[2] : list;
        if (size == l.length) {
            l = Arrays.copyOf(l, size * 2);
        }
        l[size] = entry;
        return l;
    }

    private void ensureClass(int c) {
        if (c < outDegree.length) {
            return;
        }
        int n = Math.max(c + 1, outDegree.length * 2);
        out = Arrays.copyOf(out, n);
        in = Arrays.copyOf(in, n);
        outDegree = Arrays.copyOf(outDegree, n);
        inDegree = Arrays.copyOf(inDegree, n);
    }
}
