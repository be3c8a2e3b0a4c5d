package org.lockwitness.witness;

import java.util.Arrays;

/**
 * The fast-path edge cache, FreeBSD's {@code w_rmatrix} reduced to what the hot path reads: one
 * byte per (parent, child) class pair with the dependency kinds already in the order graph (low
 * nibble) and the kinds already known to reverse it (high nibble), and one acquisition count per
 * pair.
 *
 * <p>Design: class ids are small dense ints (at most {@link WitnessOptions#MAX_CLASS_LIMIT}), so the
 * "key" of an edge is its row and column: a perfect hash that needs no mixing and cannot collide.
 * Rows are allocated on first use under the checker lock and published through an array slot; a
 * {@link Row}'s arrays are final, so a racing reader sees either no row or a row whose cells are at
 * least zero. Cells are written only under the checker lock and read without it: a stale zero only
 * sends the reader to the slow path, which re-reads under the lock. Counts are incremented without
 * synchronization: exact when events are serialized (the model's DETERMINISTIC mode), a lower bound
 * under true parallelism.
 *
 * <p>Dependency kinds are lockdep's {@code -(xy)->}: x is E or S for how the parent is held, y is N
 * or R for whether the child is a recursive read. A known kind covers a new one when it is at least
 * as strong (EN covers all; ER covers SR; SN covers SR).
 */
final class OrderMatrix {
    static final int DEP_EN = 0x1;
    static final int DEP_ER = 0x2;
    static final int DEP_SN = 0x4;
    static final int DEP_SR = 0x8;
    static final int DEP_MASK = 0xF;
    static final int REVERSED_SHIFT = 4;

    private static final int[] COVER = new int[DEP_SR + 1];

    static {
        COVER[DEP_EN] = DEP_EN;
        COVER[DEP_ER] = DEP_ER | DEP_EN;
        COVER[DEP_SN] = DEP_SN | DEP_EN;
        COVER[DEP_SR] = DEP_MASK;
    }

    static final class Row {
        final byte[] bits;
        final int[] count;

        Row(int width) {
            bits = new byte[width];
            count = new int[width];
        }
    }

    private final Row[] rows;
    private final int width;

    OrderMatrix(int classLimit) {
        width = classLimit + 1;
        rows = new Row[width];
    }

    static int dep(boolean parentShared, boolean childRecursiveRead) {
        if (parentShared) {
            return childRecursiveRead ? DEP_SR : DEP_SN;
        }
        return childRecursiveRead ? DEP_ER : DEP_EN;
    }

    static boolean recursive(int dep) {
        return dep == DEP_ER || dep == DEP_SR;
    }

    static boolean parentShared(int dep) {
        return dep == DEP_SN || dep == DEP_SR;
    }

    /**
     * Fast path: true if {@code parent -> child} of this kind is known (covered by a known edge or
     * already found reversed); counts the acquisition then. No lock, no allocation.
     */
    boolean knownAndCount(int parent, int child, int dep) {
        Row row = rows[parent];
        if (row == null) {
            return false;
        }
        int b = row.bits[child];
        if ((b & (COVER[dep] | (dep << REVERSED_SHIFT))) == 0) {
            return false;
        }
        row.count[child]++;
        return true;
    }

    /** True if a known edge covers {@code dep}. Caller holds the checker lock. */
    boolean covered(int parent, int child, int dep) {
        Row row = rows[parent];
        return row != null && (row.bits[child] & COVER[dep]) != 0;
    }

    boolean reversed(int parent, int child, int dep) {
        Row row = rows[parent];
        return row != null && (row.bits[child] & (dep << REVERSED_SHIFT)) != 0;
    }

    void addEdge(int parent, int child, int dep) {
        Row row = row(parent);
        row.bits[child] |= (byte) dep;
    }

    void addReversed(int parent, int child, int dep) {
        Row row = row(parent);
        row.bits[child] |= (byte) (dep << REVERSED_SHIFT);
    }

    void increment(int parent, int child) {
        row(parent).count[child]++;
    }

    int count(int parent, int child) {
        Row row = rows[parent];
        return row == null ? 0 : row.count[child];
    }

    void clear() {
        Arrays.fill(rows, null);
    }

    private Row row(int parent) {
        Row row = rows[parent];
        if (row == null) {
            row = new Row(width);
            rows[parent] = row;
        }
        return row;
    }
}
