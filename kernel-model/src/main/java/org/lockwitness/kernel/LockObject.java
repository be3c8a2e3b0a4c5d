package org.lockwitness.kernel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What every lock has in common ({@code struct lock_object}): a name (the witness type), a class,
 * {@code LO_*} flags, an instance id, and a slot the checker may use ({@code lo_witness}).
 *
 * <p>Thread-safety: the identity is immutable; the witness slot is a plain int that a checker sets
 * idempotently.
 */
public abstract class LockObject {

    /** {@code LO_WITNESS}: the checker should track the lock (absent with NOWITNESS). */
    public static final int LO_WITNESS = 0x00020000;
    /** {@code LO_RECURSABLE}. */
    public static final int LO_RECURSABLE = 0x00080000;
    /** {@code LO_SLEEPABLE}. */
    public static final int LO_SLEEPABLE = 0x00100000;
    /** {@code LO_UPGRADABLE}. */
    public static final int LO_UPGRADABLE = 0x00200000;
    /** {@code LO_DUPOK}. */
    public static final int LO_DUPOK = 0x00400000;
    /**
     * Not FreeBSD's: the lock is this model's own machinery (a scheduler, sleep-queue, turnstile,
     * rendezvous, callout or taskqueue lock), not one a program using the model wrote. A checker
     * may leave such locks out of what it shows a user.
     */
    public static final int LO_INFRASTRUCTURE = 0x40000000;

    /** {@code LA_UNLOCKED}: assert not held. */
    public static final int LA_UNLOCKED = 0x00;
    /** {@code LA_LOCKED}: assert held, shared or exclusive. */
    public static final int LA_LOCKED = 0x01;
    /** {@code LA_SLOCKED}: assert held shared. */
    public static final int LA_SLOCKED = 0x02;
    /** {@code LA_XLOCKED}: assert held exclusive. */
    public static final int LA_XLOCKED = 0x04;
    /** {@code LA_RECURSED}. */
    public static final int LA_RECURSED = 0x08;
    /** {@code LA_NOTRECURSED}. */
    public static final int LA_NOTRECURSED = 0x10;

    private static final AtomicLong IDS = new AtomicLong();

    private final String name;
    private final LockClass lockClass;
    private final int flags;
    private final long id;
    private int witness;

    LockObject(String name, LockClass lockClass, int flags) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a lock needs a name");
        }
        this.name = name;
        this.lockClass = lockClass;
        this.flags = flags;
        this.id = IDS.incrementAndGet();
    }

    /** @return the name, which is the lock's witness type */
    public final String name() {
        return name;
    }

    /** @return the class */
    public final LockClass lockClass() {
        return lockClass;
    }

    /** @return the {@code LO_*} flags */
    public final int flags() {
        return flags;
    }

    /** @return the instance id, unique in the JVM, assigned in creation order */
    public final long id() {
        return id;
    }

    /** @return whether a checker should track it */
    public final boolean witnessed() {
        return (flags & LO_WITNESS) != 0;
    }

    /** @return whether it is the model's own machinery ({@link #LO_INFRASTRUCTURE}) */
    public final boolean infrastructure() {
        return (flags & LO_INFRASTRUCTURE) != 0;
    }

    /** @return whether it may be held across a sleep ({@code LO_SLEEPABLE}) */
    public final boolean sleepable() {
        return (flags & LO_SLEEPABLE) != 0;
    }

    /** @return the checker's slot ({@code lo_witness}); 0 until a checker sets it */
    public final int witness() {
        return witness;
    }

    /**
     * Sets the checker's slot.
     *
     * @param value the checker's value
     */
    public final void witness(int value) {
        this.witness = value;
    }

    /** @return the thread holding it exclusively, or null (for deadlock detection) */
    KThread exclusiveOwner() {
        return null;
    }

    /**
     * @return the scheduling point at which {@link #exclusiveOwner()} took it, or -1 when unknown
     *     (for lost-wakeup detection behind an interlock)
     */
    long exclusiveSince() {
        return -1;
    }

    /** {@code lc_unlock}: drops every hold of the calling thread, for a sleep. @return the state to restore */
    abstract int lcUnlock();

    /** {@code lc_lock}: takes the lock back as {@link #lcUnlock()} left it. */
    abstract void lcLock(int state);

    @Override
    public String toString() {
        return lockClass.lcName() + " \"" + name + "\"";
    }
}
