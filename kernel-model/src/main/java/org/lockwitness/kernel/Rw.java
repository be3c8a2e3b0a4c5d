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
 * A reader/writer lock ({@code struct rwlock}, {@code kern_rwlock.c}): upgradable, not sleepable.
 * Its waiters block on a turnstile, as sleep mutex waiters do, so it must not be held across a
 * sleep.
 *
 * <p>Design: a {@link LockWord} whose waiters block on the lock's {@link Turnstile} under the
 * machine's "turnstile chain". The reader rule counts the thread's rw read holds
 * ({@code td_rw_rlocks}).
 *
 * <p>Thread-safety: safe for use by kernel threads of one machine.
 */
@KernelCode
public final class Rw extends LockObject {

    /** {@code RW_DUPOK}: holding two of this name is fine. */
    public static final int DUPOK = 0x01;
    /** {@code RW_NOWITNESS}: the checker ignores it. */
    public static final int NOWITNESS = 0x04;
    /** {@code RW_RECURSE}: the writer may lock it again. */
    public static final int RECURSE = 0x10;

    private final Turnstile turnstile = new Turnstile();
    private final LockWord word = new LockWord(this, new TurnstileQueues(), false);

    /**
     * {@code rw_init_flags}.
     *
     * @param name the lock's name (its witness type)
     * @param opts 0, or {@link #DUPOK}, {@link #NOWITNESS}, {@link #RECURSE}
     */
    @LockInit
    public Rw(String name, int opts) {
        super(name, LockClass.RW, loFlags(opts));
    }

    private static int loFlags(int opts) {
        if ((opts & ~(DUPOK | NOWITNESS | RECURSE)) != 0) {
            throw new IllegalArgumentException("unknown rw options 0x" + Integer.toHexString(opts));
        }
        int f = LO_UPGRADABLE;
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

    /** {@code rw_rlock}: takes a read hold, blocking while it is write-locked or, by the reader rule, while a writer waits. */
    @Acquire(shared = true)
    public void rlock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "rw_rlock()");
        if (word.ownedBy(td)) {
            throw Machine.panic("rw_rlock: wlock already held for " + name());
        }
        word.lockShared(td);
    }

    /** {@code rw_runlock}: releases a read hold; the last reader wakes the waiters. */
    @Release(shared = true)
    public void runlock() {
        Machine.window();
        word.unlockShared(KThread.curthread(), "Lock %s not read locked");
    }

    /** {@code rw_wlock}: takes it for writing, blocking while anyone holds it. */
    @Acquire
    public void wlock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "rw_wlock()");
        word.lockExclusive(td, "_rw_wlock_hard: recursing but non-recursive rw %s");
    }

    /** {@code rw_wunlock}: releases the write hold; the last one wakes the waiters. */
    @Release
    public void wunlock() {
        Machine.window();
        word.unlockExclusive(KThread.curthread(), "Lock %s not exclusively locked");
    }

    /**
     * {@code rw_try_upgrade}: turns the caller's read hold into a write hold if it is the only
     * reader. Never blocks.
     *
     * @return true when the hold is now a write hold
     */
    @Upgrade
    public boolean tryUpgrade() {
        Machine.window();
        return word.tryUpgrade(KThread.curthread());
    }

    /** {@code rw_downgrade}: turns the caller's unrecursed write hold into a read hold, waking readers if no writer waits. */
    @Downgrade
    public void downgrade() {
        Machine.window();
        word.downgrade(KThread.curthread(), "Lock %s not exclusively locked", "Lock %s recursed");
    }

    /**
     * {@code rw_assert}: checked by the checker.
     *
     * @param what {@code LA_*} flags ({@code RA_*} in FreeBSD)
     */
    @Assertion(whatArg = 0)
    public void assertLocked(int what) {
        Machine.window();
    }

    /** @return whether the calling kernel thread holds it for writing ({@code rw_wowned}) */
    public boolean wowned() {
        return word.ownedBy(KThread.curthread());
    }

    /** {@code rw_destroy}: it must be unlocked; any later use panics. */
    @LockDestroy
    public void destroy() {
        if (!word.destroy()) {
            throw Machine.panic("rw lock " + name() + " not unlocked");
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

    /** {@code unlock_rw}: 1 after a read hold, 0 after a write hold. */
    @Override
    int lcUnlock() {
        if (word.shared()) {
            runlock();
            return 1;
        }
        if (word.recursed()) {
            throw Machine.panic("Lock " + name() + " recursed");
        }
        wunlock();
        return 0;
    }

    /** {@code lock_rw}. */
    @Override
    void lcLock(int how) {
        if (how != 0) {
            rlock();
        } else {
            wlock();
        }
    }

    private void checkUsable(KThread td, String op) {
        if (td.idle) {
            throw Machine.panic(op + " by idle thread " + td + " on rwlock " + name());
        }
        if (word.destroyed()) {
            throw Machine.panic(op + " of destroyed rwlock");
        }
    }

    /** The lock's turnstile queues ({@code TS_SHARED_QUEUE}, {@code TS_EXCLUSIVE_QUEUE}). */
    private final class TurnstileQueues implements LockWord.Queues {
        @Override
        public void lock(KThread td) {
            td.machine.turnstileChain.lockSpin();
        }

        @Override
        public void unlock(KThread td) {
            td.machine.turnstileChain.unlockSpin();
        }

        @Override
        public void block(KThread td, boolean shared) {
            td.blockedOn = Rw.this;
            turnstile.await(td, shared ? Turnstile.SHARED_QUEUE : Turnstile.EXCLUSIVE_QUEUE,
                    "rw \"" + name() + "\" (" + (shared ? "read" : "write") + ")");
            td.blockedOn = null;
        }

        @Override
        public void wake(KThread td, boolean shared) {
            turnstile.broadcast(shared ? Turnstile.SHARED_QUEUE : Turnstile.EXCLUSIVE_QUEUE);
        }
    }
}
