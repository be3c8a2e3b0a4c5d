package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The edges of the lock-order graph in primitive arrays: for each edge, its classes, its
 * dependency kinds ({@link Deps}), which of its variants the topological order holds
 * ({@link TopoOrder}) and its {@link OrderEdge} record; for each class, its outgoing and incoming
 * edges as linked lists in insertion order (FreeBSD's {@code w_child} lists, lockdep's
 * {@code locks_after} and {@code locks_before}).
 *
 * <p>Design: edges are numbered densely from 0 in insertion order; list links and heads store an
 * edge number plus one, so that a fresh array of zeros means "no edge" and no array is filled on
 * growth. Arrays grow geometrically with the edges and with the largest class id seen, never with
 * the class limit. Per edge this costs 21 bytes plus its record; per class touched, 16 bytes.
 * Nothing is ever removed but by {@link #clear}.
 *
 * <p>Not thread-safe: used only under the checker lock.
 */
final class OrderEdges {
    private int count;
    private int[] from = new int[16];
    private int[] to = new int[16];
    private int[] nextOut = new int[16];
    private int[] nextIn = new int[16];
    /** Low nibble: the kinds; high nibble: the variants held by the topological order. */
    private byte[] bits = new byte[16];
    private OrderEdge[] info = new OrderEdge[16];

    private int[] headOut = new int[16];
    private int[] tailOut = new int[16];
    private int[] headIn = new int[16];
    private int[] tailIn = new int[16];

    /** Appends the edge {@code u -> v} with no kinds yet and returns its number. */
    int add(int u, int v, OrderEdge record) {
        if (count == from.length) {
            growEdges();
        }
        ensureClass(Math.max(u, v));
        int e = count++;
        from[e] = u;
        to[e] = v;
        info[e] = record;
        bits[e] = 0;
        nextOut[e] = 0;
        nextIn[e] = 0;
        if (tailOut[u] == 0) {
            headOut[u] = e + 1;
        } else {
            nextOut[tailOut[u] - 1] = e + 1;
        }
        tailOut[u] = e + 1;
        if (tailIn[v] == 0) {
            headIn[v] = e + 1;
        } else {
            nextIn[tailIn[v] - 1] = e + 1;
        }
        tailIn[v] = e + 1;
        return e;
    }

    int count() {
        return count;
    }

    int from(int e) {
        return from[e];
    }

    int to(int e) {
        return to[e];
    }

    int deps(int e) {
        return bits[e] & Deps.MASK;
    }

    void setDeps(int e, int deps) {
        bits[e] = (byte) ((bits[e] & ~Deps.MASK) | deps);
    }

    /** The variants of edge {@code e} that the topological order holds. */
    int ordered(int e) {
        return (bits[e] >>> 4) & Deps.MASK;
    }

    void setOrdered(int e, int variant) {
        bits[e] |= (byte) (variant << 4);
    }

    OrderEdge info(int e) {
        return info[e];
    }

    /** The first outgoing edge of class {@code c} plus one, 0 for none. */
    int firstOut(int c) {
        return c < headOut.length ? headOut[c] : 0;
    }

    /** The outgoing edge after {@code e} plus one, 0 for none. */
    int nextOut(int e) {
        return nextOut[e];
    }

    int firstIn(int c) {
        return c < headIn.length ? headIn[c] : 0;
    }

    int nextIn(int e) {
        return nextIn[e];
    }

    /** Whether class {@code c} has an edge, i.e. is a vertex of the graph. */
    boolean touched(int c) {
        return firstOut(c) != 0 || firstIn(c) != 0;
    }

    /** One more than the largest class id the arrays can hold. */
    int classCapacity() {
        return headOut.length;
    }

    /** The records in insertion order. */
    List<OrderEdge> records() {
        return new ArrayList<>(Arrays.asList(info).subList(0, count));
    }

    void clear() {
        count = 0;
        Arrays.fill(info, null);
        Arrays.fill(headOut, 0);
        Arrays.fill(tailOut, 0);
        Arrays.fill(headIn, 0);
        Arrays.fill(tailIn, 0);
    }

    private void growEdges() {
        int n = count * 2;
        from = Arrays.copyOf(from, n);
        to = Arrays.copyOf(to, n);
        nextOut = Arrays.copyOf(nextOut, n);
        nextIn = Arrays.copyOf(nextIn, n);
        bits = Arrays.copyOf(bits, n);
        info = Arrays.copyOf(info, n);
    }

    private void ensureClass(int c) {
        if (c < headOut.length) {
            return;
        }
        int n = Math.max(c + 1, headOut.length * 2);
        headOut = Arrays.copyOf(headOut, n);
        tailOut = Arrays.copyOf(tailOut, n);
        headIn = Arrays.copyOf(headIn, n);
        tailIn = Arrays.copyOf(tailIn, n);
    }
}
