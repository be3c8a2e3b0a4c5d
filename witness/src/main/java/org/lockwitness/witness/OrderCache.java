package org.lockwitness.witness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast-path cache of known orders, FreeBSD's {@code w_rmatrix} reduced to what the hot path
 * reads and kept sparse: for each (parent, child) class pair ever checked on the slow path, the
 * dependency kinds ({@link Deps}) already in the order graph, the kinds already known to reverse,
 * how often the pair was acquired, and (for the slow path only) the pair's edge in the
 * {@link OrderGraph}. At most {@link WitnessOptions#orderLimit} pairs (lockdep's
 * {@code MAX_LOCKDEP_ENTRIES}); memory is proportional to the pairs, not to the classes squared.
 *
 * <h2>Design</h2>
 * An open-addressing hash table with linear probing, in parallel arrays: a {@code long} per slot
 * holding the key (parent and child class ids, 20 bits each) and, above it, the kinds (low
 * nibble: in the graph; high nibble: reversed), so one load answers the fast path; an {@code int}
 * count; an {@code int} edge index. Class ids are at least 1, so the empty slot is 0. The hash is
 * Fibonacci hashing of the key. The table is at most three quarters full, so every probe ends.
 *
 * <p>Writers hold the checker lock: they claim empty slots, OR kinds into a slot's word and grow
 * the table. A slot's key never changes once written and no slot is ever emptied, so a lock-free
 * reader probing a table sees, for each slot, zero or the final key with a subset of its kinds.
 * Should a 64-bit write tear (JLS 17.7 allows it), the reader sees, while a slot is claimed, either
 * a child of 0, which matches no key, or the low half of the key with no kinds; and while kinds are
 * added, the same key with the older kinds. Each of these at worst makes the reader miss and take
 * the slow path, which re-reads under the lock. Growing
 * copies every slot into a new table that is published through a volatile field (the pattern of
 * {@code CpuTable}): a reader sees the old table or the complete new one, never a half-copied one.
 * Counts are incremented without synchronization, as in the matrix they replace: exact when events
 * are serialized (the model's DETERMINISTIC mode), a lower bound under true parallelism, where an
 * increment can also land in a table that was just replaced.
 *
 * <p>The slow path finds or creates its pair once ({@link #claim}) and then works on the slot: a
 * slot stays valid until the next claim, which may grow the table.
 *
 * <p>In front of the table, each thread keeps the one order it last found known, with its own
 * count of the acquisitions of it since ({@link #memoHit}): a loop that takes the same pair again
 * reads nothing shared and writes only its own thread's state. Measured side by side on the
 * witness's fast-path benchmark, the memo took about 3 ns off a known-order pair (of about 27).
 *
 * <h2>Thread-safety</h2>
 * {@link #knownAndCount}, {@link #memoHit} and {@link #knownAndRemember} are lock-free and
 * allocation-free, and {@link #flush} by the thread itself is lock-free; every other method
 * requires the checker lock.
 */
final class OrderCache {
    private static final int KEY_BITS = 2 * LockId.CLASS_BITS;
    private static final long KEY_MASK = (1L << KEY_BITS) - 1;
    /** The reversed kinds sit this far above the known kinds. */
    private static final int REVERSED_SHIFT = 4;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int MIN_CAPACITY_BITS = 6;
    private static final int MEMO_CHILD_SHIFT = 4;
    private static final int MEMO_PARENT_SHIFT = MEMO_CHILD_SHIFT + LockId.CLASS_BITS;

    /** One generation of the table; its arrays never change length. */
    private static final class Table {
        final long[] words;
        final int[] counts;
        final int[] edges;
        final int shift;
        final int threshold;

        Table(int capacityBits) {
            int capacity = 1 << capacityBits;
            words = new long[capacity];
            counts = new int[capacity];
            edges = new int[capacity];
            shift = 64 - capacityBits;
            threshold = capacity / 4 * 3;
        }
    }

    private final int limit;
    private volatile Table table = new Table(MIN_CAPACITY_BITS);
    private int size;

    OrderCache(int limit) {
        this.limit = limit;
    }

    /**
     * The fast path: true if {@code parent -> child} of kind {@code dep} is known (covered by a
     * known edge or already found reversed), and then counts the acquisition. No lock, no
     * allocation.
     */
    boolean knownAndCount(int parent, int child, int dep) {
        Table t = table;
        long key = key(parent, child);
        long[] words = t.words;
        int mask = words.length - 1;
        for (int i = (int) ((key * GOLDEN) >>> t.shift); ; i = (i + 1) & mask) {
            long w = words[i];
            if ((w & KEY_MASK) == key) {
                if (((int) (w >>> KEY_BITS) & (Deps.cover(dep) | (dep << REVERSED_SHIFT))) == 0) {
                    return false;
                }
                t.counts[i]++;
                return true;
            }
            if (w == 0) {
                return false;
            }
        }
    }

    /**
     * {@link #knownAndCount} for thread {@code t}, through its memo of the order it last found
     * known ({@link WitnessThread#knownOrder}), in two parts so that the fast path reaches the
     * first without the cache: taking that order again, as a loop does, costs one compare and one
     * increment of the thread's own count, with no hash and no probe of the shared table
     * ({@code memoHit}); any other order goes to {@link #knownAndRemember}. The memo stays right
     * because an order once known stays known until {@link #clear}, which
     * {@link WitnessState#reset} follows by forgetting every memo. The thread's count is added to
     * the table when the memo moves to another order ({@link #flush}), and {@link #pending} adds
     * the counts not yet flushed for a report, so every acquisition is counted.
     *
     * @return true, having counted it, when the order is the one {@code t}'s memo holds; else
     *     false, having changed nothing
     */
    static boolean memoHit(WitnessThread t, int parent, int child, int dep) {
        if (memoKey(parent, child, dep) == t.knownOrder) {
            t.knownOrderCount++;
            return true;
        }
        return false;
    }

    /**
     * After {@link #memoHit} missed: the table's answer, and, when the order is known, the memo
     * moved to it (its count flushed first).
     */
    boolean knownAndRemember(WitnessThread t, int parent, int child, int dep) {
        if (!knownAndCount(parent, child, dep)) {
            return false;
        }
        flush(t);
        t.knownOrder = memoKey(parent, child, dep);
        return true;
    }

    /**
     * Adds the acquisitions {@code t}'s memo counted to the table and empties the count. By the
     * thread itself, or under the checker lock once the thread is gone.
     */
    void flush(WitnessThread t) {
        int n = t.knownOrderCount;
        if (n != 0) {
            long order = t.knownOrder;
            Table table = this.table;
            int i = find(table, memoParent(order), memoChild(order));
            if (i >= 0) {
                table.counts[i] += n;
            }
            t.knownOrderCount = 0;
        }
    }

    /**
     * The acquisitions the threads' memos counted and have not yet flushed, by class pair
     * ({@link #pairKey}). Read without the threads' cooperation: exact when events are serialized,
     * as the counts are.
     */
    static Map<Long, Integer> pending(List<WitnessThread> threads) {
        Map<Long, Integer> pending = new HashMap<>();
        for (WitnessThread t : threads) {
            long order = t.knownOrder;
            int n = t.knownOrderCount;
            if (n != 0 && order != 0) {
                pending.merge(key(memoParent(order), memoChild(order)), n, Integer::sum);
            }
        }
        return pending;
    }

    /** The key of a class pair in {@link #pending}. */
    static long pairKey(int parent, int child) {
        return key(parent, child);
    }

    /** The slot of the pair, created if new; -1 if the table already holds {@code limit} pairs. */
    int claim(int parent, int child) {
        int i = find(parent, child);
        if (i >= 0) {
            return i;
        }
        if (size >= limit) {
            return -1;
        }
        Table t = table;
        if (size + 1 > t.threshold) {
            t = grow(t);
        }
        size++;
        return insert(t, key(parent, child), 0, 0);
    }

    /** Counts one acquisition of the pair in {@code slot}. */
    void count(int slot) {
        table.counts[slot]++;
    }

    /** True if a known edge of the pair in {@code slot} covers {@code dep}. */
    boolean covered(int slot, int dep) {
        return (kinds(slot) & Deps.cover(dep)) != 0;
    }

    /** True if {@code dep} of the pair in {@code slot} is known to reverse. */
    boolean reversed(int slot, int dep) {
        return (kinds(slot) & (dep << REVERSED_SHIFT)) != 0;
    }

    /** Marks {@code dep} known for the pair in {@code slot}. */
    void addEdge(int slot, int dep) {
        table.words[slot] |= (long) dep << KEY_BITS;
    }

    /** Marks {@code dep} reversed for an existing pair. */
    void addReversed(int parent, int child, int dep) {
        int i = find(parent, child);
        if (i < 0) {
            throw new IllegalStateException("no order pair " + parent + " -> " + child);
        }
        table.words[i] |= (long) (dep << REVERSED_SHIFT) << KEY_BITS;
    }

    /** How often the pair was acquired; 0 for an unknown pair. */
    int count(int parent, int child) {
        int i = find(parent, child);
        return i < 0 ? 0 : table.counts[i];
    }

    /** The pair's edge number in the order graph plus one; 0 for none or an unknown pair. */
    int edge(int parent, int child) {
        int i = find(parent, child);
        return i < 0 ? 0 : table.edges[i];
    }

    /** The edge number plus one of the pair in {@code slot}; 0 for none. */
    int edgeAt(int slot) {
        return table.edges[slot];
    }

    /** Sets the edge number plus one of the pair in {@code slot}. */
    void setEdgeAt(int slot, int edgePlusOne) {
        table.edges[slot] = edgePlusOne;
    }

    /** Forgets every pair. */
    void clear() {
        table = new Table(MIN_CAPACITY_BITS);
        size = 0;
    }

    private int kinds(int slot) {
        return (int) (table.words[slot] >>> KEY_BITS);
    }

    private int find(int parent, int child) {
        return find(table, parent, child);
    }

    private static int find(Table t, int parent, int child) {
        long key = key(parent, child);
        int mask = t.words.length - 1;
        for (int i = (int) ((key * GOLDEN) >>> t.shift); ; i = (i + 1) & mask) {
            long w = t.words[i];
            if ((w & KEY_MASK) == key) {
                return i;
            }
            if (w == 0) {
                return -1;
            }
        }
    }

    /** Puts a new key into an empty slot. */
    private static int insert(Table t, long word, int count, int edge) {
        int mask = t.words.length - 1;
        int i = (int) (((word & KEY_MASK) * GOLDEN) >>> t.shift);
        while (t.words[i] != 0) {
            i = (i + 1) & mask;
        }
        t.counts[i] = count;
        t.edges[i] = edge;
        t.words[i] = word;
        return i;
    }

    private Table grow(Table old) {
        Table t = new Table(64 - old.shift + 1);
        for (int i = 0; i < old.words.length; i++) {
            if (old.words[i] != 0) {
                insert(t, old.words[i], old.counts[i], old.edges[i]);
            }
        }
        table = t;
        return t;
    }

    private static long key(int parent, int child) {
        return ((long) parent << LockId.CLASS_BITS) | child;
    }

    /** A thread's memo of a known order: never 0, since class ids are at least 1. */
    private static long memoKey(int parent, int child, int dep) {
        return (long) parent << MEMO_PARENT_SHIFT | (long) child << MEMO_CHILD_SHIFT | dep;
    }

    private static int memoParent(long memo) {
        return (int) (memo >>> MEMO_PARENT_SHIFT);
    }

    private static int memoChild(long memo) {
        return (int) (memo >>> MEMO_CHILD_SHIFT) & LockId.CLASS_MASK;
    }
}
