package org.lockwitness.witness;

import java.util.Arrays;

/**
 * A list of held lock instances, oldest first, as FreeBSD's {@code lock_list_entry} chain
 * (lockdep's {@code held_locks}): the sleep locks of one thread or the spin locks of one CPU. The
 * hold rules ({@link HoldRules}) push and pop it; the order check and the context rules read it.
 *
 * <h2>Design</h2>
 * Parallel primitive arrays grown geometrically, so pushing and popping allocate nothing in
 * steady state. "Is a lock of this class held?" is one test of a 64-bit Bloom word
 * ({@link #classBits}, bit {@code class & 63}, kept exact by a count per bit) and, only when the
 * bit is set, a scan of the entries; class ids are dense and sequential, so the few classes held at
 * once rarely share a bit. The state is the same size whatever the class limit (lockdep's
 * {@code held_locks} is a fixed array per task, FreeBSD's lock list a chain of small blocks). The
 * newest entry is last, where a release usually finds it.
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe, and needs not be: a thread's list is used only by that thread, a CPU's list
 * only by the thread running on that CPU (the model's CPU handoff orders those accesses). Two
 * exceptions, both under the checker lock: {@link WitnessState#reset()} clears every list, which
 * its contract allows only while no event is reported; {@link HoldRules#destroy} looks for a holder
 * in other threads' and CPUs' lists, a racy best-effort read that can only miss or misname one.
 */
final class HeldLocks {
    static final byte EXCLUSIVE = 0x1;
    /** {@code LI_SLEEPABLE}: the class is sleepable and the acquire was not NOSLEEP. */
    static final byte SLEEPABLE = 0x4;

    int depth;
    int[] lock = new int[8];
    long[] instance = new long[8];
    int[] site = new int[8];
    int[] recursed = new int[8];
    byte[] mode = new byte[8];
    long[] since = new long[8];
    /** Bit {@code class & 63} is set while an entry of such a class is held. */
    private long classBits;
    /** Entries held per bit of {@link #classBits}. */
    private final int[] perBit = new int[64];

    /** Index of the entry for {@code inst}, newest first, or -1. */
    int find(long inst) {
        for (int i = depth - 1; i >= 0; i--) {
            if (instance[i] == inst) {
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

    int classOf(int index) {
        return LockId.classOf(lock[index]);
    }

    boolean exclusive(int index) {
        return (mode[index] & EXCLUSIVE) != 0;
    }

    /** The Bloom word of the classes held: bit {@code class & 63} per class. */
    long classBits() {
        return classBits;
    }

    /** Whether an entry of class {@code cls} is held. */
    boolean holdsClass(int cls) {
        return (classBits & (1L << cls)) != 0 && findClass(cls, depth) >= 0;
    }

    void push(int lockId, long inst, int siteId, byte flags, long step) {
        if (depth == lock.length) {
            grow();
        }
        int i = depth++;
        lock[i] = lockId;
        instance[i] = inst;
        site[i] = siteId;
        recursed[i] = 0;
        mode[i] = flags;
        since[i] = step;
        int cls = LockId.classOf(lockId);
        perBit[cls & 63]++;
        classBits |= 1L << cls;
    }

    void remove(int index) {
        int cls = classOf(index);
        if (--perBit[cls & 63] == 0) {
            classBits &= ~(1L << cls);
        }
        int tail = depth - index - 1;
        if (tail > 0) {
            System.arraycopy(lock, index + 1, lock, index, tail);
            System.arraycopy(instance, index + 1, instance, index, tail);
            System.arraycopy(site, index + 1, site, index, tail);
            System.arraycopy(recursed, index + 1, recursed, index, tail);
            System.arraycopy(mode, index + 1, mode, index, tail);
            System.arraycopy(since, index + 1, since, index, tail);
        }
        depth--;
    }

    void clear() {
        depth = 0;
        classBits = 0;
        Arrays.fill(perBit, 0);
    }

    private void grow() {
        int n = lock.length * 2;
        lock = Arrays.copyOf(lock, n);
        instance = Arrays.copyOf(instance, n);
        site = Arrays.copyOf(site, n);
        recursed = Arrays.copyOf(recursed, n);
        mode = Arrays.copyOf(mode, n);
        since = Arrays.copyOf(since, n);
    }
}
