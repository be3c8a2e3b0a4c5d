package org.lockwitness.witness;

import java.util.Arrays;

/**
 * A list of held lock instances, oldest first, as FreeBSD's {@code lock_list_entry} chain
 * (lockdep's {@code held_locks}): the sleep locks of one thread or the spin locks of one CPU. The
 * hold rules ({@link HoldRules}) push and pop it; the order check and the context rules read it.
 * A thread's {@link WitnessThread} and a CPU's {@link CpuState} extend it and are their lists, so
 * that the fast paths reach a list without a load through a field; neither overrides anything.
 *
 * <h2>Design</h2>
 * One {@code long} array holds four words per entry (the instance; the lock id and site id;
 * the Bloom word before the entry was pushed; the mode and recursion count), one {@code long}
 * array the time a spin lock was taken; both grow geometrically, so pushing and popping allocate
 * nothing in steady state, and a push or a pop of a sleep lock touches one array, one bounds check
 * and, entries being 32 bytes, one cache line (measured side by side: about 1 ns per pair cheaper
 * than three words per entry beside an {@code int} array of modes, which was itself about 4 ns
 * cheaper than six parallel arrays and a count per Bloom bit). "Is a lock of this class held?"
 * is one test of a 64-bit Bloom word ({@link #classBits}, bit {@code class & 63}) and, only when
 * the bit is set, a scan of the entries; class ids are dense and sequential, so the few classes
 * held at once rarely share a bit. The word stays exact without counts: a pop restores the word its
 * entry saved, and removing an entry from the middle (a release out of order) recomputes the words
 * above it. The state is the same size whatever the class limit (lockdep's {@code held_locks} is a
 * fixed array per task, FreeBSD's lock list a chain of small blocks). The newest entry is last,
 * where a release usually finds it.
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe, and needs not be: a thread's list is used only by that thread, a CPU's list
 * only by the thread running on that CPU (the model's CPU handoff orders those accesses). Two
 * exceptions, both under the checker lock: {@link WitnessState#reset()} clears every list, which
 * its contract allows only while no event is reported; {@link HoldRules#destroy} looks for a holder
 * in other threads' and CPUs' lists, a racy best-effort read that can only miss or misname one;
 * and a Java DEADLOCK report lists the waiters' holds from a {@link #racyCopy}.
 */
class HeldLocks {
    static final byte EXCLUSIVE = 0x1;
    /** {@code LI_SLEEPABLE}: the class is sleepable and the acquire was not NOSLEEP. */
    static final byte SLEEPABLE = 0x4;
    private static final int WORDS = 4;
    /** The word of an entry that holds its mode and recursion count. */
    private static final int META = 3;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int MODE_MASK = 0xFF;
    private static final int RECURSE_SHIFT = 8;

    int depth;
    /**
     * Per entry: the instance, then {@code lock << 32 | site}, then {@link #classBits} before its push,
     * then {@code recursed << 8 | mode}.
     */
    private long[] words = new long[8 * WORDS];
    /** The entries {@link #words} has room for. */
    private int capacity = 8;
    /** Per entry: the step its lock was taken at ({@link HoldRules}' bound on spin locks). */
    private long[] since = new long[8];
    /** Bit {@code class & 63} is set while an entry of such a class is held. */
    private long classBits;
    /**
     * {@link #company}'s cache: the hash of the first {@code i + 1} instances of the list as it
     * was when asked, and the last of those instances, for the first {@link #prefixes} entries.
     */
    private long[] prefix = new long[0];
    private long[] prefixEnd = new long[0];
    private int prefixes;

    /** Index of the entry for {@code inst}, newest first, or -1. */
    int find(long inst) {
        long[] w = words;
        for (int i = depth - 1; i >= 0; i--) {
            if (w[i * WORDS] == inst) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the newest entry of class {@code cls} below {@code below}, or -1. */
    int findClass(int cls, int below) {
        for (int i = below - 1; i >= 0; i--) {
            if (classOf(i) == cls) {
                return i;
            }
        }
        return -1;
    }

    private int meta(int index) {
        return (int) words[index * WORDS + META];
    }

    long instance(int index) {
        return words[index * WORDS];
    }

    int lock(int index) {
        return (int) (words[index * WORDS + 1] >>> 32);
    }

    int site(int index) {
        return (int) words[index * WORDS + 1];
    }

    int classOf(int index) {
        return LockId.classOf(lock(index));
    }

    byte mode(int index) {
        return (byte) (meta(index) & MODE_MASK);
    }

    void setMode(int index, byte mode) {
        words[index * WORDS + META] = (meta(index) & ~MODE_MASK) | (mode & MODE_MASK);
    }

    boolean exclusive(int index) {
        return (meta(index) & EXCLUSIVE) != 0;
    }

    boolean sleepable(int index) {
        return (meta(index) & SLEEPABLE) != 0;
    }

    int recursed(int index) {
        return meta(index) >>> RECURSE_SHIFT;
    }

    /** Counts one more recursion of the entry. */
    void recurse(int index) {
        words[index * WORDS + META] += 1 << RECURSE_SHIFT;
    }

    /** Counts one recursion less. */
    void unrecurse(int index) {
        words[index * WORDS + META] -= 1 << RECURSE_SHIFT;
    }

    long since(int index) {
        return since[index];
    }

    /** The Bloom word of the classes held: bit {@code class & 63} per class. */
    long classBits() {
        return classBits;
    }

    /**
     * A hash of the instances held, in the order they were taken: equal lists give equal hashes,
     * so a thread that takes the same nesting in the same company again can be told it did.
     * Computed when asked (only a Java thread nesting two instances of one class asks), so that a
     * push and a pop pay nothing for it. The hash of each prefix of the list is kept with the
     * instance it ended with; a prefix whose instances are all still in place is reused, since the
     * hash depends on nothing else. So under the same deep stack of locks a thread pays one compare
     * per entry, which the CPU runs side by side, instead of one link per entry of a chain of
     * multiplications.
     */
    long company() {
        int n = depth;
        if (n == 0) {
            return 0;
        }
        if (prefix.length < n) {
            prefix = Arrays.copyOf(prefix, capacity);
            prefixEnd = Arrays.copyOf(prefixEnd, capacity);
        }
        long[] w = words;
        long[] p = prefix;
        long[] end = prefixEnd;
        int kept = Math.min(n, prefixes);
        int i = 0;
        while (i < kept && end[i] == w[i * WORDS]) {
            i++;
        }
        if (i < kept) {
            prefixes = i;
        }
        long hash = i == 0 ? 0 : p[i - 1];
        for (; i < n; i++) {
            long instance = w[i * WORDS];
            hash = Long.rotateLeft(hash, 13) ^ (instance * GOLDEN);
            p[i] = hash;
            end[i] = instance;
        }
        prefixes = Math.max(prefixes, n);
        return hash;
    }

    /**
     * False if no entry of class {@code cls} is held; true if one may be (one test of the Bloom
     * word, for the fast paths, which leave the exact answer to the slow path).
     */
    boolean mayHoldClass(int cls) {
        return (classBits & (1L << cls)) != 0;
    }

    /** Whether an entry of class {@code cls} is held. */
    boolean holdsClass(int cls) {
        return mayHoldClass(cls) && findClass(cls, depth) >= 0;
    }

    /** Pushes an entry taken at {@code step}. */
    void push(int lockId, long inst, int siteId, byte flags, long step) {
        int i = push(lockId, inst, siteId, flags);
        since[i] = step;
    }

    /** Pushes an entry whose time is never read: a sleep lock's. Returns its index. */
    int push(int lockId, long inst, int siteId, byte flags) {
        int i = depth;
        if (i == capacity) {
            grow();
        }
        long[] w = words;
        int at = i * WORDS;
        w[at] = inst;
        w[at + 1] = (long) lockId << 32 | (siteId & 0xFFFF_FFFFL);
        w[at + 2] = classBits;
        w[at + META] = flags & MODE_MASK;
        classBits |= 1L << LockId.classOf(lockId);
        depth = i + 1;
        return i;
    }

    /** Removes entry {@code index}; the entries above it move down. */
    void remove(int index) {
        if (index == depth - 1) {
            pop();
            return;
        }
        long bits = words[index * WORDS + 2];
        int tail = depth - index - 1;
        System.arraycopy(words, (index + 1) * WORDS, words, index * WORDS, tail * WORDS);
        System.arraycopy(since, index + 1, since, index, tail);
        depth--;
        for (int i = index; i < depth; i++) {
            words[i * WORDS + 2] = bits;
            bits |= 1L << classOf(i);
        }
        classBits = bits;
    }

    /** Removes the newest entry. */
    void pop() {
        classBits = words[--depth * WORDS + 2];
    }

    /**
     * A copy of another thread's list, for a report about it: read without its owner's cooperation,
     * so possibly stale or torn, but never out of bounds.
     */
    HeldLocks racyCopy() {
        long[] w = words;
        int n = Math.max(0, Math.min(depth, w.length / WORDS));
        HeldLocks copy = new HeldLocks();
        copy.words = Arrays.copyOf(w, Math.max(n, 1) * WORDS);
        copy.capacity = Math.max(n, 1);
        copy.since = new long[Math.max(n, 1)];
        copy.depth = n;
        return copy;
    }

    void clear() {
        depth = 0;
        classBits = 0;
    }

    private void grow() {
        int n = capacity * 2;
        words = Arrays.copyOf(words, n * WORDS);
        since = Arrays.copyOf(since, n);
        capacity = n;
    }
}
