package org.lockwitness.witness;

/**
 * Lock-object flags passed to {@link Witness#enroll(String, LockKind, int)}, the {@code MTX_*},
 * {@code SX_*} and {@code LO_*} options of FreeBSD's lock initialisers. Constants only; thread-safe.
 */
public final class LockFlags {
    /** The lock may be recursed on ({@code MTX_RECURSE}, {@code LO_RECURSABLE}). */
    public static final int RECURSE = 0x1;
    /** Two locks of this type may be held together ({@code LO_DUPOK}). */
    public static final int DUPOK = 0x2;
    /** The witness does not track this lock (the absence of {@code LO_WITNESS}). */
    public static final int NOWITNESS = 0x4;
    /** One may sleep while holding it ({@code LO_SLEEPABLE}); implied for sx, lockmgr, sleepable rm and serializer. */
    public static final int SLEEPABLE = 0x8;
    /** It may be upgraded and downgraded ({@code LO_UPGRADABLE}); implied for sx, rw and lockmgr. */
    public static final int UPGRADABLE = 0x10;
    /**
     * Not FreeBSD's: the lock is the checked program's own machinery (a scheduler or sleep-queue
     * lock of the kernel model), not a lock its user wrote. The checker treats it like any other;
     * the lock-order graph leaves it out unless it takes part in a finding.
     */
    public static final int INFRASTRUCTURE = 0x20;

    private LockFlags() {
    }
}
