package org.lockwitness.kernel;

/**
 * The lock classes ({@code struct lock_class}), with FreeBSD's names and class flags.
 *
 * <p>Thread-safety: immutable.
 */
public enum LockClass {
    /** {@code "spin mutex"}. */
    SPIN_MUTEX("spin mutex", LockClass.LC_SPINLOCK | LockClass.LC_RECURSABLE),
    /** {@code "sleep mutex"}. */
    SLEEP_MUTEX("sleep mutex", LockClass.LC_SLEEPLOCK | LockClass.LC_RECURSABLE),
    /** {@code "sx"}: shared/exclusive, sleepable. */
    SX("sx", LockClass.LC_SLEEPLOCK | LockClass.LC_SLEEPABLE | LockClass.LC_RECURSABLE | LockClass.LC_UPGRADABLE),
    /** {@code "rw"}: reader/writer, not sleepable. */
    RW("rw", LockClass.LC_SLEEPLOCK | LockClass.LC_RECURSABLE | LockClass.LC_UPGRADABLE),
    /** {@code "rm"}: read-mostly, not sleepable. */
    RM("rm", LockClass.LC_SLEEPLOCK | LockClass.LC_RECURSABLE),
    /** {@code "sleepable rm"}. */
    SLEEPABLE_RM("sleepable rm", LockClass.LC_SLEEPLOCK | LockClass.LC_SLEEPABLE | LockClass.LC_RECURSABLE),
    /** {@code "lockmgr"}. */
    LOCKMGR("lockmgr", LockClass.LC_SLEEPLOCK | LockClass.LC_SLEEPABLE | LockClass.LC_RECURSABLE
            | LockClass.LC_UPGRADABLE),
    /** DragonFly's LWKT serializer: exclusive, not recursive, held across sleeps. */
    SERIALIZER("serializer", LockClass.LC_SLEEPLOCK | LockClass.LC_SLEEPABLE);

    /** {@code LC_SLEEPLOCK}. */
    public static final int LC_SLEEPLOCK = 0x1;
    /** {@code LC_SPINLOCK}. */
    public static final int LC_SPINLOCK = 0x2;
    /** {@code LC_SLEEPABLE}. */
    public static final int LC_SLEEPABLE = 0x4;
    /** {@code LC_RECURSABLE}. */
    public static final int LC_RECURSABLE = 0x8;
    /** {@code LC_UPGRADABLE}. */
    public static final int LC_UPGRADABLE = 0x10;

    private final String lcName;
    private final int lcFlags;

    LockClass(String lcName, int lcFlags) {
        this.lcName = lcName;
        this.lcFlags = lcFlags;
    }

    /** @return FreeBSD's {@code lc_name} */
    public String lcName() {
        return lcName;
    }

    /** @return the {@code LC_*} flags */
    public int lcFlags() {
        return lcFlags;
    }

    /** @return true for spin locks */
    public boolean isSpin() {
        return (lcFlags & LC_SPINLOCK) != 0;
    }
}
