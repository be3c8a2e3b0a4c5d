package org.lockwitness.witness;

/**
 * The lock classes of FreeBSD's {@code struct lock_class} plus DragonFly's serializer, and the
 * Java locks of ordinary application code ({@link #isJava()}).
 *
 * <p>{@link #className()} is the FreeBSD {@code lc_name} printed in reports. Only
 * {@link #SPIN_MUTEX} belongs to the spin tree; every other kind is a sleep lock. The class
 * capabilities ({@code LC_RECURSABLE}, {@code LC_SLEEPABLE}, {@code LC_UPGRADABLE}) and the flags
 * that the FreeBSD initialisers always add ({@code sx_init} adds sleepable and upgradable, for
 * example) follow kernel-reference §1.1. Immutable and thread-safe.
 */
public enum LockKind {
    /** {@code "spin mutex"}: {@code mtx_init(MTX_SPIN)}; held per CPU, inside a critical section. */
    SPIN_MUTEX("spin mutex", LockFlags.RECURSE, 0),
    /** {@code "sleep mutex"}: {@code mtx_init(MTX_DEF)}; blocks on a turnstile, not sleepable. */
    SLEEP_MUTEX("sleep mutex", LockFlags.RECURSE, 0),
    /** {@code "sx"}: always sleepable and upgradable. */
    SX("sx", LockFlags.RECURSE | LockFlags.SLEEPABLE | LockFlags.UPGRADABLE,
            LockFlags.SLEEPABLE | LockFlags.UPGRADABLE),
    /** {@code "rw"}: reader/writer lock, upgradable, not sleepable. */
    RW("rw", LockFlags.RECURSE | LockFlags.UPGRADABLE, LockFlags.UPGRADABLE),
    /** {@code "rm"}: read-mostly lock, not sleepable. */
    RM("rm", LockFlags.RECURSE, 0),
    /** {@code "sleepable rm"}: read-mostly lock whose holders may sleep. */
    SLEEPABLE_RM("sleepable rm", LockFlags.RECURSE | LockFlags.SLEEPABLE, LockFlags.SLEEPABLE),
    /** {@code "lockmgr"}: sleepable and upgradable. */
    LOCKMGR("lockmgr", LockFlags.RECURSE | LockFlags.SLEEPABLE | LockFlags.UPGRADABLE,
            LockFlags.SLEEPABLE | LockFlags.UPGRADABLE),
    /** {@code "serializer"}: DragonFly LWKT serializer; exclusive, never recursive, sleepable. */
    SERIALIZER("serializer", LockFlags.SLEEPABLE, LockFlags.SLEEPABLE),
    /**
     * {@code "java monitor"}: the monitor of a Java object ({@code synchronized}); reentrant, not
     * sleepable (waiting with another one held is reported). Two instances of one class held together
     * are ordered by instance, not reported as a duplicate.
     */
    JAVA_MONITOR("java monitor", LockFlags.RECURSE, LockFlags.RECURSE),
    /** {@code "java lock"}: a {@code java.util.concurrent.locks.ReentrantLock}; as {@link #JAVA_MONITOR}. */
    JAVA_LOCK("java lock", LockFlags.RECURSE, LockFlags.RECURSE),
    /**
     * {@code "java rw"}: a read or write lock of a {@code ReentrantReadWriteLock}; reentrant; a read
     * skips a queued writer only when this thread already reads that same lock (the JDK's rule, not
     * FreeBSD's), so a shared hold is never a recursive read of another lock. The JDK has no
     * upgrade: a write while this thread reads the same lock is {@link Rule#RECURSION}; a read
     * under its own write (a downgrade) is legal.
     */
    JAVA_RW("java rw", LockFlags.RECURSE, LockFlags.RECURSE),
    /**
     * {@code "java stamped"}: a {@code java.util.concurrent.locks.StampedLock}; not reentrant, so a
     * second acquire of one held by this thread, in any mode and even a second read (which queues
     * behind a waiting writer), deadlocks the thread ({@link Rule#RECURSION}).
     */
    JAVA_STAMPED("java stamped", 0, 0);

    private final String className;
    private final int allowed;
    private final int implied;

    LockKind(String className, int allowed, int implied) {
        this.className = className;
        this.allowed = allowed | LockFlags.DUPOK | LockFlags.NOWITNESS | LockFlags.INFRASTRUCTURE;
        this.implied = implied;
    }

    /** The FreeBSD class name, e.g. {@code "sleep mutex"}. */
    public String className() {
        return className;
    }

    /** True for spin locks, which are held per CPU and form their own order tree. */
    public boolean isSpin() {
        return this == SPIN_MUTEX;
    }

    /**
     * True for the locks of ordinary Java code: reentrant, and two instances of one class held
     * together are checked for a reversal of their instance order instead of being a
     * {@link Rule#DUPLICATE_LOCK_TYPE}.
     */
    public boolean isJava() {
        return this == JAVA_MONITOR || this == JAVA_LOCK || this == JAVA_RW || this == JAVA_STAMPED;
    }

    /** The {@link LockFlags} this class accepts at init ({@code lc_flags}). */
    int allowedFlags() {
        return allowed;
    }

    /** The {@link LockFlags} the FreeBSD initialiser of this class always adds. */
    int impliedFlags() {
        return implied;
    }
}
