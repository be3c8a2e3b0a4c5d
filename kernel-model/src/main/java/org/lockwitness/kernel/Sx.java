package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.Acquire;
import org.lockwitness.kernel.probe.Assertion;
import org.lockwitness.kernel.probe.Downgrade;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.LockDestroy;
import org.lockwitness.kernel.probe.LockInit;
import org.lockwitness.kernel.probe.Release;
import org.lockwitness.kernel.probe.TryAcquire;
import org.lockwitness.kernel.probe.Upgrade;

/**
 * A shared/exclusive lock ({@code struct sx}, {@code kern_sx.c}): sleepable and upgradable. Its
 * waiters sleep, so it may be held across a sleep and taken only where sleeping is allowed.
 *
 * <p>Design: a {@link LockWord} whose waiters sleep on two sleep queues of the machine (shared and
 * exclusive) under the "sleepq chain", dropping Giant while asleep. The reader rule counts the
 * thread's sx shares ({@code td_sx_slocks}).
 *
 * <p>Thread-safety: safe for use by kernel threads of one machine.
 */
@KernelCode
public final class Sx extends LockObject {

    /** {@code SX_DUPOK}: holding two of this name is fine. */
    public static final int DUPOK = 0x01;
    /** {@code SX_NOWITNESS}: the checker ignores it. */
    public static final int NOWITNESS = 0x04;
    /** {@code SX_RECURSE}: the exclusive owner may lock it again. */
    public static final int RECURSE = 0x20;

    private final LockWord word = new LockWord(this, new SleepQueues(), true);

    /**
     * {@code sx_init_flags}.
     *
     * @param name the lock's name (its witness type)
     * @param opts 0, or {@link #DUPOK}, {@link #NOWITNESS}, {@link #RECURSE}
     */
    @LockInit
    public Sx(String name, int opts) {
        super(name, LockClass.SX, loFlags(opts));
    }

    private static int loFlags(int opts) {
        if ((opts & ~(DUPOK | NOWITNESS | RECURSE)) != 0) {
            throw new IllegalArgumentException("unknown sx options 0x" + Integer.toHexString(opts));
        }
        int f = LO_SLEEPABLE | LO_UPGRADABLE;
        if ((opts & DUPOK) != 0) {
            f |= LO_DUPOK;
        }
        if ((opts & NOWITNESS) == 0) {
            f |= LO_WITNESS;
        }
        if ((opts & RECURSE) != 0) {
            f |= LO_RECURSABLE;
        }
        return f;
    }

    /** {@code sx_xlock}: takes it exclusive, sleeping while anyone holds it. */
    @Acquire
    public void xlock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "sx_xlock()");
        word.lockExclusive(td, "_sx_xlock_hard: recursed on non-recursive sx %s");
    }

    /**
     * {@code sx_try_xlock}.
     *
     * @return true when it was taken exclusive (or recursed on)
     */
    @TryAcquire
    public boolean tryXlock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "sx_try_xlock()");
        return word.tryExclusive(td);
    }

    /** {@code sx_xunlock}: releases an exclusive hold; the last one wakes the waiters. */
    @Release
    public void xunlock() {
        Machine.window();
        word.unlockExclusive(KThread.curthread(), "Lock %s not exclusively locked");
    }

    /** {@code sx_slock}: takes it shared, sleeping while it is held exclusive or, by the reader rule, while a writer waits. */
    @Acquire(shared = true)
    public void slock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "sx_slock()");
        word.lockShared(td);
    }

    /**
     * {@code sx_try_slock}: takes it shared unless it is held exclusive; a waiting writer does not
     * stop it.
     *
     * @return true when it was taken
     */
    @TryAcquire(shared = true)
    public boolean trySlock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "sx_try_slock()");
        return word.tryShared(td);
    }

    /** {@code sx_sunlock}: releases a shared hold; the last sharer wakes the waiters. */
    @Release(shared = true)
    public void sunlock() {
        Machine.window();
        word.unlockShared(KThread.curthread(), "Lock %s not share locked");
    }

    /**
     * {@code sx_try_upgrade}: turns the caller's shared hold into an exclusive one if it is the only
     * sharer. Never sleeps.
     *
     * @return true when the hold is now exclusive
     */
    @Upgrade
    public boolean tryUpgrade() {
        Machine.window();
        return word.tryUpgrade(KThread.curthread());
    }

    /** {@code sx_downgrade}: turns the caller's unrecursed exclusive hold into a shared one, waking the readers. */
    @Downgrade
    public void downgrade() {
        Machine.window();
        word.downgrade(KThread.curthread(), "Lock %s not exclusively locked", "downgrade of a recursed lock");
    }

    /**
     * {@code sx_assert}: checked by the checker.
     *
     * @param what {@code LA_*} flags ({@code SA_*} in FreeBSD)
     */
    @Assertion(whatArg = 0)
    public void assertLocked(int what) {
        Machine.window();
    }

    /** @return whether the calling kernel thread holds it exclusive ({@code sx_xlocked}) */
    public boolean xlocked() {
        return word.ownedBy(KThread.curthread());
    }

    /** {@code sx_destroy}: it must be unlocked; any later use panics. */
    @LockDestroy
    public void destroy() {
        if (!word.destroy()) {
            throw Machine.panic("sx lock still held");
        }
    }

    @Override
    @NoWindows
    KThread exclusiveOwner() {
        return word.owner();
    }

    @Override
    @NoWindows
    long exclusiveSince() {
        return word.ownedSince();
    }

    /** {@code unlock_sx}: 0 after an exclusive hold, 1 after a shared one. */
    @Override
    int lcUnlock() {
        if (word.ownedBy(KThread.curthread())) {
            if (word.recursed()) {
                throw Machine.panic("Lock " + name() + " recursed");
            }
            xunlock();
            return 0;
        }
        sunlock();
        return 1;
    }

    /** {@code lock_sx}. */
    @Override
    void lcLock(int how) {
        if (how != 0) {
            slock();
        } else {
            xlock();
        }
    }

    private void checkUsable(KThread td, String op) {
        if (td.idle) {
            throw Machine.panic(op + " by idle thread " + td + " on sx " + name());
        }
        if (word.destroyed()) {
            throw Machine.panic(op + " of destroyed sx");
        }
    }

    /** The shared and exclusive sleep queues ({@code SQ_SHARED_QUEUE}, {@code SQ_EXCLUSIVE_QUEUE}). */
    private final class SleepQueues implements LockWord.Queues {
        private final Object sharedQueue = new Object();
        private final Object exclusiveQueue = new Object();

        @Override
        public void lock(KThread td) {
            td.machine.sleepq.lock();
        }

        @Override
        public void unlock(KThread td) {
            td.machine.sleepq.release();
        }

        @Override
        public void block(KThread td, boolean shared) {
            Sleepq sq = td.machine.sleepq;
            int giant = Synch.dropGiant(td);
            sq.add(td, shared ? sharedQueue : exclusiveQueue, name());
            td.blockedOn = Sx.this;
            sq.await(td);
            td.blockedOn = null;
            Synch.pickupGiant(td, giant);
        }

        @Override
        public void wake(KThread td, boolean shared) {
            td.machine.sleepq.broadcast(shared ? sharedQueue : exclusiveQueue);
        }
    }
}
