package org.lockwitness.witness;

import java.util.Arrays;

/**
 * The orders one Java thread has already had recorded for the {@link CycleFilter}s, so that a
 * thread taking an order for the first time, or first under another set of held classes or after a
 * start or join of its own, goes once to the slow path, where the order's {@link Establishers} learn
 * about it, and every later time costs one probe of this set (none for a repeat of the order it
 * found last).
 *
 * <h2>Design</h2>
 * An open-addressing set of 64-bit keys (0 is empty) mixing the class pair, the dependency kind,
 * the Bloom word of the classes held ({@link HeldLocks#classBits}) and the thread's start/join
 * time; and, for two instances of one class nested ({@link #nestingKey}), the two instances, the
 * hash of the instances held ({@link HeldLocks#company}) and the time; at most {@link #LIMIT} keys,
 * after which it starts over empty (a few more slow paths, never a missed thread). A hash collision
 * makes one first time look known: the approximation is documented in README. Grows geometrically;
 * no allocation in steady state.
 *
 * <h2>Thread-safety</h2>
 * Confined to its thread.
 */
final class SeenOrders {
    static final int LIMIT = 1 << 12;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] keys = new long[16];
    private int size;
    /**
     * The order last found or added by {@link #containsOrder} or {@link #addOrder}, field by field,
     * so that taking it again (a loop) costs no key and no probe; a parent of 0 (no class has id 0)
     * is none. Keys are only ever removed all at once ({@link #clear}), which forgets it too.
     */
    private int lastParent;
    private int lastChild;
    private int lastDep;
    private long lastBits;
    private int lastEpoch;

    /** The key of an order taken now. */
    static long key(int parent, int child, int dep, long classBits, int epoch) {
        long k = (((long) parent << 24) ^ ((long) child << 4) ^ dep) * GOLDEN;
        k ^= Long.rotateLeft(classBits * GOLDEN, 17) ^ ((long) epoch << 44);
        return k == 0 ? 1 : k;
    }

    /**
     * The key of a nesting of two instances of one Java lock class, taken now in the company
     * {@code company} ({@link HeldLocks#company}).
     */
    static long nestingKey(int cls, long first, long second, long company, int epoch) {
        long k = (first * GOLDEN) ^ Long.rotateLeft(second * GOLDEN, 29) ^ ((long) cls << 40);
        k ^= Long.rotateLeft(company, 7) ^ ((long) epoch << 52) ^ 0x5A5A_0000_0000_0000L;
        return k == 0 ? 1 : k;
    }

    /** Whether the order with these fields of {@link #key} is there. */
    boolean containsOrder(int parent, int child, int dep, long classBits, int epoch) {
        if (lastOrder(parent, child, dep, classBits, epoch)) {
            return true;
        }
        if (!contains(key(parent, child, dep, classBits, epoch))) {
            return false;
        }
        rememberOrder(parent, child, dep, classBits, epoch);
        return true;
    }

    /** Adds the order with these fields of {@link #key}; true if it was not there. */
    boolean addOrder(int parent, int child, int dep, long classBits, int epoch) {
        if (lastOrder(parent, child, dep, classBits, epoch)) {
            return false;
        }
        boolean added = add(key(parent, child, dep, classBits, epoch));
        rememberOrder(parent, child, dep, classBits, epoch);
        return added;
    }

    private boolean lastOrder(int parent, int child, int dep, long classBits, int epoch) {
        return parent == lastParent && child == lastChild && dep == lastDep && classBits == lastBits
                && epoch == lastEpoch;
    }

    private void rememberOrder(int parent, int child, int dep, long classBits, int epoch) {
        lastParent = parent;
        lastChild = child;
        lastDep = dep;
        lastBits = classBits;
        lastEpoch = epoch;
    }

    /** Whether {@code key} is there. */
    boolean contains(long key) {
        int mask = keys.length - 1;
        for (int i = (int) (key * GOLDEN >>> 40) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return true;
            }
            if (keys[i] == 0) {
                return false;
            }
        }
    }

    /** Adds {@code key}; true if it was not there. */
    boolean add(long key) {
        int mask = keys.length - 1;
        for (int i = (int) (key * GOLDEN >>> 40) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return false;
            }
            if (keys[i] == 0) {
                if (size >= LIMIT) {
                    clear();
                    return add(key);
                }
                keys[i] = key;
                if (++size > keys.length / 2) {
                    grow();
                }
                return true;
            }
        }
    }

    /** Forgets every key ({@link WitnessState#reset}). */
    void clear() {
        Arrays.fill(keys, 0L);
        size = 0;
        lastParent = 0;
    }

    /** Doubles the table, re-inserting every key; the size stays. */
    private void grow() {
        long[] old = keys;
        keys = new long[old.length * 2];
        int mask = keys.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = (int) (k * GOLDEN >>> 40) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
            }
        }
    }
}
