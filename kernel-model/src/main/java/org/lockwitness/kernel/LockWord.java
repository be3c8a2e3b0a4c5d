package org.lockwitness.kernel;

import java.util.concurrent.atomic.AtomicLong;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * The state of a shared/exclusive lock, which FreeBSD lays out alike for {@link Sx}
 * ({@code sx_lock}) and {@link Rw} ({@code rw_lock}): the lock word, the exclusive recursion
 * count, and the acquire and release algorithm on them. The lock classes add their names, checks
 * and probes.
 *
 * <p>Design: the four low bits are flags: shared ({@code SX_LOCK_SHARED}, {@code RW_LOCK_READ}),
 * shared waiters, exclusive waiters, and recursed ({@code SX_LOCK_RECURSED}, which makes the
 * release take its slow path; rw uses the same bit here). Above them is the
 * number of sharers when the shared bit is set, else the owner's thread id; unlocked is "shared by
 * no one". An uncontested operation is one compare-and-set. A thread that must wait takes the chain
 * of the lock's {@link Queues}, re-reads the word, sets its waiter bit and blocks, all in one hold of
 * the chain; so a release that sees a waiter bit takes the chain and wakes a whole queue, the
 * exclusive one first, keeping the other queue's bit. The reader rule ({@code __sx_can_read},
 * {@code __rw_can_read}): a shared acquire goes ahead of a waiting writer only if the thread already
 * holds a lock of this kind shared ({@code td_sx_slocks} or {@code td_rw_rlocks}, which this class
 * keeps).
 *
 * <p>Thread-safety: the word is atomic; waiter bits are set and cleared only with the chain held.
 */
@KernelCode
final class LockWord {

    /** How the waiters of a lock block and wake: sleep queues (sx) or a turnstile (rw). */
    interface Queues {
        /** Takes the chain that guards the waiter bits and the queues. */
        void lock(KThread td);

        /** Releases the chain. */
        void unlock(KThread td);

        /** Queues {@code td} as a shared or exclusive waiter and blocks; releases the chain. */
        void block(KThread td, boolean shared);

        /** Wakes every shared or every exclusive waiter; the chain is held. */
        void wake(KThread td, boolean shared);
    }

    private static final long SHARED = 0x01;
    private static final long SHARED_WAITERS = 0x02;
    private static final long EXCLUSIVE_WAITERS = 0x04;
    private static final long RECURSED = 0x08;
    private static final long WAITERS = SHARED_WAITERS | EXCLUSIVE_WAITERS;
    private static final int SHARERS_SHIFT = 4;
    private static final long ONE_SHARER = 1L << SHARERS_SHIFT;
    private static final long UNLOCKED = SHARED;
    private static final long DESTROYED = WAITERS;

    private final AtomicLong word = new AtomicLong(UNLOCKED);
    private final LockObject lock;
    private final Queues queues;
    /** Whether the thread's shares are counted in {@code td_sx_slocks}, else {@code td_rw_rlocks}. */
    private final boolean sx;
    private int recurse;
    /** The exclusive owner, for deadlock detection. */
    private KThread owner;
    /** The scheduling point at which {@link #owner} took it, for lost-wakeup detection. */
    private long ownedSince = -1;

    LockWord(LockObject lock, Queues queues, boolean sx) {
        this.lock = lock;
        this.queues = queues;
        this.sx = sx;
    }

    /** The exclusive owner, or null. */
    @NoWindows
    KThread owner() {
        return owner;
    }

    /** {@code td} now owns it exclusively; without windows, so it adds no scheduling point. */
    @NoWindows
    private void own(KThread td) {
        owner = td;
        ownedSince = td.machine.steps();
    }

    /** The scheduling point at which the exclusive owner took it, or -1. */
    @NoWindows
    long ownedSince() {
        return owner == null ? -1 : ownedSince;
    }

    boolean recursed() {
        return recurse > 0;
    }

    boolean ownedBy(KThread td) {
        long x = word.get();
        return (x & SHARED) == 0 && x >>> SHARERS_SHIFT == td.tid;
    }

    /** @return whether the lock is held shared */
    boolean shared() {
        return sharers(word.get()) != 0;
    }

    boolean destroyed() {
        return word.get() == DESTROYED;
    }

    /** Marks an unlocked lock destroyed. @return false when it is not unlocked */
    boolean destroy() {
        return word.compareAndSet(UNLOCKED, DESTROYED);
    }

    /**
     * Takes it exclusive, blocking while anyone holds it, or recurses.
     *
     * @param recursePanic the panic message, with {@code %s} for the lock name, for recursion on a
     *     lock that is not recursable
     */
    void lockExclusive(KThread td, String recursePanic) {
        if (ownedBy(td)) {
            if ((lock.flags() & LockObject.LO_RECURSABLE) == 0) {
                throw panic(recursePanic);
            }
            recurseOn();
            return;
        }
        acquireExclusive(td);
        own(td);
    }

    /** @return whether it was free and is now owned by {@code td}, or recursed on if recursable */
    boolean tryExclusive(KThread td) {
        if (ownedBy(td) && (lock.flags() & LockObject.LO_RECURSABLE) != 0) {
            recurseOn();
            return true;
        }
        if (!word.compareAndSet(UNLOCKED, ownerWord(td))) {
            return false;
        }
        own(td);
        return true;
    }

    /** @return whether a share was taken: only exclusive ownership stops it, not a waiting writer */
    boolean tryShared(KThread td) {
        for (long x = word.get(); (x & SHARED) != 0; x = word.get()) {
            if (word.compareAndSet(x, x + ONE_SHARER)) {
                addShares(td, 1);
                return true;
            }
        }
        return false;
    }

    /** @return whether the only share became {@code td}'s exclusive ownership; never blocks */
    boolean tryUpgrade(KThread td) {
        for (long x = word.get(); sharers(x) == 1; x = word.get()) {
            if (word.compareAndSet(x, ownerWord(td) | (x & WAITERS))) {
                addShares(td, -1);
                own(td);
                return true;
            }
        }
        return false;
    }

    private void acquireExclusive(KThread td) {
        while (!word.compareAndSet(UNLOCKED, ownerWord(td))) {
            queues.lock(td);
            long x = word.get();
            long waiters = x & WAITERS;
            if ((x & ~waiters) == UNLOCKED) {
                // Free, perhaps with waiters still queued: claim it and keep their bits.
                boolean claimed = word.compareAndSet(x, ownerWord(td) | waiters);
                queues.unlock(td);
                if (claimed) {
                    return;
                }
            } else if ((x & EXCLUSIVE_WAITERS) == 0 && !word.compareAndSet(x, x | EXCLUSIVE_WAITERS)) {
                queues.unlock(td);
            } else {
                queues.block(td, false);
            }
        }
    }

    /** Takes a share by the reader rule, blocking while it is owned or a writer waits. */
    void lockShared(KThread td) {
        boolean holdsShared = shares(td) > 0;
        for (;;) {
            long x = word.get();
            if (canRead(x, holdsShared)) {
                if (word.compareAndSet(x, x + ONE_SHARER)) {
                    addShares(td, 1);
                    return;
                }
                continue;
            }
            queues.lock(td);
            x = word.get();
            if (canRead(x, holdsShared)
                    || ((x & SHARED_WAITERS) == 0 && !word.compareAndSet(x, x | SHARED_WAITERS))) {
                queues.unlock(td);
            } else {
                queues.block(td, true);
            }
        }
    }

    /**
     * Releases one level of {@code td}'s exclusive ownership; the last one wakes waiters.
     *
     * @param notOwnedPanic the panic message, with {@code %s} for the lock name, when {@code td} does
     *     not own it
     */
    void unlockExclusive(KThread td, String notOwnedPanic) {
        if (!ownedBy(td)) {
            throw panic(notOwnedPanic);
        }
        if (recurse > 0) {
            if (--recurse == 0) {
                word.getAndAccumulate(~RECURSED, (x, mask) -> x & mask);
            }
            return;
        }
        owner = null;
        td.lastRelease = td.machine.steps();
        if (word.compareAndSet(ownerWord(td), UNLOCKED)) {
            return;
        }
        queues.lock(td);
        long x = word.get();
        word.set(released(x));
        queues.wake(td, (x & EXCLUSIVE_WAITERS) == 0);
        queues.unlock(td);
    }

    /**
     * Releases a share; the last sharer wakes waiters.
     *
     * @param notSharedPanic the panic message, with {@code %s} for the lock name, when it is not held
     *     shared
     */
    void unlockShared(KThread td, String notSharedPanic) {
        if (!shared()) {
            throw panic(notSharedPanic);
        }
        addShares(td, -1);
        td.lastRelease = td.machine.steps();
        for (;;) {
            long x = word.get();
            if (sharers(x) > 1) {
                if (word.compareAndSet(x, x - ONE_SHARER)) {
                    return;
                }
            } else if ((x & WAITERS) == 0) {
                if (word.compareAndSet(x, UNLOCKED)) {
                    return;
                }
            } else {
                break;
            }
        }
        queues.lock(td);
        for (;;) {
            long x = word.get();
            if (sharers(x) > 1) {
                if (word.compareAndSet(x, x - ONE_SHARER)) {
                    break;
                }
            } else if (word.compareAndSet(x, released(x))) {
                queues.wake(td, (x & EXCLUSIVE_WAITERS) == 0);
                break;
            }
        }
        queues.unlock(td);
    }

    /**
     * Turns {@code td}'s unrecursed exclusive ownership into one share. The shared waiters are woken
     * unless a writer waits, since the reader rule would send them back to sleep.
     *
     * @param notOwnedPanic the panic message, with {@code %s} for the lock name, when {@code td} does
     *     not own it
     * @param recursedPanic the panic message, with {@code %s} for the lock name, when it is recursed
     */
    void downgrade(KThread td, String notOwnedPanic, String recursedPanic) {
        if (!ownedBy(td)) {
            throw panic(notOwnedPanic);
        }
        if (recurse > 0) {
            throw panic(recursedPanic);
        }
        owner = null;
        addShares(td, 1);
        if (word.compareAndSet(ownerWord(td), SHARED | ONE_SHARER)) {
            return;
        }
        queues.lock(td);
        long x = word.get();
        boolean wakeShared = (x & WAITERS) == SHARED_WAITERS;
        word.set(SHARED | ONE_SHARER | ((x & EXCLUSIVE_WAITERS) != 0 ? x & WAITERS : 0));
        if (wakeShared) {
            queues.wake(td, true);
        }
        queues.unlock(td);
    }

    private Error panic(String message) {
        return Machine.panic(String.format(message, lock.name()));
    }

    private void recurseOn() {
        recurse++;
        word.getAndAccumulate(RECURSED, (x, bit) -> x | bit);
    }

    private int shares(KThread td) {
        return sx ? td.sxSlocks : td.rwRlocks;
    }

    private void addShares(KThread td, int delta) {
        if (sx) {
            td.sxSlocks += delta;
        } else {
            td.rwRlocks += delta;
        }
    }

    private static long ownerWord(KThread td) {
        return td.tid << SHARERS_SHIFT;
    }

    private static long sharers(long x) {
        return (x & SHARED) != 0 ? x >>> SHARERS_SHIFT : 0;
    }

    private static boolean canRead(long x, boolean holdsShared) {
        return (x & (SHARED | EXCLUSIVE_WAITERS)) == SHARED || (holdsShared && (x & SHARED) != 0);
    }

    /** The word after the last holder leaves: the exclusive waiters are woken first, and the shared waiters' bit stays. */
    private static long released(long x) {
        return (x & EXCLUSIVE_WAITERS) != 0 ? UNLOCKED | (x & SHARED_WAITERS) : UNLOCKED;
    }
}
