package org.lockwitness.agent.runtime.jlock;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The allocation site of each lock object that woven code allocated ({@code new Object()},
 * {@code new ReentrantLock()}, ...): the name id of {@code File.java:line}, looked up by identity
 * when a lock with no field name is named.
 *
 * <p>Design: an open-addressed table, probed linearly from the object's identity hash, whose
 * entries are weak references to the objects carrying the hash and the name id. A lookup reads
 * the published table, probes until it meets the object or an empty slot, and compares referents
 * by identity, so two objects with one identity hash are told apart; it allocates nothing and
 * takes no lock. Records are rare (they happen where a lock object is made) and serialized on the
 * table's monitor; an entry is written once, through a volatile array store, and never changed.
 * When three quarters of the slots are used, the table is rebuilt with the live entries only
 * (those whose object was collected are dropped) at a size that leaves it at most three eighths
 * full, and published through a volatile field: a reader still probing the old table finds every
 * object recorded before it started. At most {@link #MAX_LIVE} live objects are kept; past that,
 * new objects go unrecorded (they are named by their class) and every {@code MAX_LIVE / 4} refusals
 * a rebuild drops the collected ones, so the cost of rebuilding stays amortized.
 *
 * <p>Cost: one {@code WeakReference} and one slot per recorded object, paid at its allocation
 * (plus the identity hash, computed early); per naming of a lock without a field name, an identity
 * hash, a volatile read of the table and usually one or two slot reads, each a volatile read and a
 * {@code Reference.get}.
 *
 * <p>Thread-safety: lookups are lock-free; records and rebuilds hold this object's monitor (the
 * agent's classes are never woven, so it is not reported).
 */
final class AllocationSites {

    static final int MAX_LIVE = 1 << 20;
    private static final int MIN_CAPACITY = 256;

    private final int maxLive;

    /** A recorded object: weakly held, with its identity hash and its site's name id. Immutable. */
    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final int name;

        Entry(Object o, int hash, int name) {
            super(o);
            this.hash = hash;
            this.name = name;
        }
    }

    private volatile AtomicReferenceArray<Entry> table = new AtomicReferenceArray<>(MIN_CAPACITY);
    /** Slots in use in the current table, collected objects' included; guarded by this. */
    private int used;
    /** Records refused at the limit since the last rebuild; guarded by this. */
    private int refused;

    AllocationSites() {
        this(MAX_LIVE);
    }

    /** A table keeping at most {@code maxLive} live objects (tests use a small one). */
    AllocationSites(int maxLive) {
        this.maxLive = maxLive;
    }

    /**
     * Records the allocation site of a new object.
     *
     * @param o the object
     * @param name the name id of its allocation site
     */
    void record(Object o, int name) {
        record(o, System.identityHashCode(o), name);
    }

    /** {@link #record(Object, int)} with the hash given (tests force collisions with it). */
    synchronized void record(Object o, int hash, int name) {
        AtomicReferenceArray<Entry> t = table;
        if ((used + 1) * 4 > t.length() * 3 || used >= maxLive && ++refused > maxLive / 4) {
            t = rebuild(t);
        }
        if (used >= maxLive) {
            return;
        }
        int mask = t.length() - 1;
        for (int i = spread(hash) & mask;; i = (i + 1) & mask) {
            Entry e = t.get(i);
            if (e == null) {
                t.set(i, new Entry(o, hash, name));
                used++;
                return;
            }
            if (e.hash == hash && e.get() == o) {
                return;
            }
        }
    }

    /**
     * @param o an object
     * @return the name id of its recorded allocation site, or 0
     */
    int lookup(Object o) {
        return lookup(o, System.identityHashCode(o));
    }

    /** {@link #lookup(Object)} with the hash given. */
    int lookup(Object o, int hash) {
        AtomicReferenceArray<Entry> t = table;
        int mask = t.length() - 1;
        for (int i = spread(hash) & mask;; i = (i + 1) & mask) {
            Entry e = t.get(i);
            if (e == null) {
                return 0;
            }
            if (e.hash == hash && e.get() == o) {
                return e.name;
            }
        }
    }

    /** The slots of the current table, for tests. */
    synchronized int capacity() {
        return table.length();
    }

    /** The slots in use, for tests. */
    synchronized int used() {
        return used;
    }

    /** Forgets the object as the collector would (clears its weak reference), for tests. */
    synchronized void collected(Object o) {
        AtomicReferenceArray<Entry> t = table;
        for (int i = 0; i < t.length(); i++) {
            Entry e = t.get(i);
            if (e != null && e.get() == o) {
                e.clear();
            }
        }
    }

    /** The live entries in a table sized to be at most three eighths full; published. Under the monitor. */
    private AtomicReferenceArray<Entry> rebuild(AtomicReferenceArray<Entry> old) {
        int live = 0;
        for (int i = 0; i < old.length(); i++) {
            Entry e = old.get(i);
            if (e != null && e.get() != null) {
                live++;
            }
        }
        int capacity = MIN_CAPACITY;
        while (capacity * 3 < (live + 1) * 8) {
            capacity *= 2;
        }
        AtomicReferenceArray<Entry> t = new AtomicReferenceArray<>(capacity);
        int mask = capacity - 1;
        for (int i = 0; i < old.length(); i++) {
            Entry e = old.get(i);
            if (e != null && e.get() != null) {
                int j = spread(e.hash) & mask;
                while (t.get(j) != null) {
                    j = (j + 1) & mask;
                }
                t.set(j, e);
            }
        }
        used = live;
        refused = 0;
        table = t;
        return t;
    }

    /** Folds the high bits in, for JVM modes whose identity hashes vary little in their low bits. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
