package org.lockwitness.witness;

/**
 * The bit layout of a lock id, the int that {@link Witness#enroll} hands out and every event
 * carries (FreeBSD's {@code lo_witness} pointer and {@code lo_flags}, lockdep's
 * {@code lock_class_key}). The one place that encodes or decodes it:
 *
 * <pre>
 *  31 | 30 29 28 27 | 26    | 25   | 24 ......... 20 | 19 .................. 0
 *   0 |    kind     | Giant | spin | {@link LockFlags} | class id (1..{@value #MAX_CLASS_ID})
 * </pre>
 *
 * The class id indexes the {@link ClassTable} and keys the {@link OrderCache}; the flags are the lock's own (two locks of one class may differ in
 * DUPOK or RECURSE; {@link LockFlags#INFRASTRUCTURE}, which only the reports read, is left out); spin, Giant and kind are copies of the class's, so that the fast path decides
 * without a table lookup. Bit 31 stays clear, so an id is never negative, and class ids
 * start at 1, so an id is never {@link Witness#UNTRACKED}. Stateless.
 */
final class LockId {
    /** Bits of class id. */
    static final int CLASS_BITS = 20;
    static final int CLASS_MASK = (1 << CLASS_BITS) - 1;
    /** The largest class id the layout holds: 1,048,575. */
    static final int MAX_CLASS_ID = CLASS_MASK;

    private static final int FLAG_SHIFT = CLASS_BITS;
    private static final int FLAG_BITS = 5;
    private static final int FLAG_MASK = (1 << FLAG_BITS) - 1;
    private static final int SPIN_BIT = 1 << (FLAG_SHIFT + FLAG_BITS);
    private static final int GIANT_BIT = SPIN_BIT << 1;
    private static final int KIND_SHIFT = FLAG_SHIFT + FLAG_BITS + 2;
    private static final int KIND_MASK = 0xF;
    private static final LockKind[] KINDS = LockKind.values();

    private LockId() {
    }

    /**
     * The id of a lock of class {@code classId} with these {@link LockFlags}, of this kind.
     *
     * @param giant whether the class is Giant's
     */
    static int encode(int classId, int flags, LockKind kind, boolean giant) {
        return (classId & CLASS_MASK) | ((flags & FLAG_MASK) << FLAG_SHIFT) | (kind.isSpin() ? SPIN_BIT : 0)
                | (giant ? GIANT_BIT : 0) | (kind.ordinal() << KIND_SHIFT);
    }

    static int classOf(int lock) {
        return lock & CLASS_MASK;
    }

    /** The lock's {@link LockFlags}. */
    static int flags(int lock) {
        return (lock >>> FLAG_SHIFT) & FLAG_MASK;
    }

    static LockKind kind(int lock) {
        return KINDS[(lock >>> KIND_SHIFT) & KIND_MASK];
    }

    /** The set of these kinds, for {@link #kindIn}. */
    static int kinds(LockKind... kinds) {
        int set = 0;
        for (LockKind k : kinds) {
            set |= 1 << k.ordinal();
        }
        return set;
    }

    /** Whether the lock's kind is in {@code set}, from {@link #kinds}: a shift and a mask, no table read. */
    static boolean kindIn(int lock, int set) {
        return (set >>> ((lock >>> KIND_SHIFT) & KIND_MASK) & 1) != 0;
    }

    static boolean isSpin(int lock) {
        return (lock & SPIN_BIT) != 0;
    }

    static boolean isGiant(int lock) {
        return (lock & GIANT_BIT) != 0;
    }

    static boolean recursable(int lock) {
        return (flags(lock) & LockFlags.RECURSE) != 0;
    }

    static boolean dupok(int lock) {
        return (flags(lock) & LockFlags.DUPOK) != 0;
    }

    static boolean sleepable(int lock) {
        return (flags(lock) & LockFlags.SLEEPABLE) != 0;
    }

    static boolean upgradable(int lock) {
        return (flags(lock) & LockFlags.UPGRADABLE) != 0;
    }
}
