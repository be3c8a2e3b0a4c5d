package org.lockwitness.kernel;

import java.util.concurrent.atomic.AtomicLong;
import org.lockwitness.kernel.probe.Acquire;
import org.lockwitness.kernel.probe.Assertion;
import org.lockwitness.kernel.probe.Downgrade;
import org.lockwitness.kernel.probe.KernelCode;
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
 * <p>Design: the lock word has FreeBSD's layout. The low bits are {@code RW_LOCK_READ} and the read
 * and write waiter bits; above them is the number of readers when the read bit is set, else the
 * owner's thread id. Unlocked is "read-locked by no reader". An uncontested operation is one
 * compare-and-set. A waiter sets its waiter bit and queues on the lock's {@link Turnstile} in one
 * hold of the machine's "turnstile chain", so a release that sees a waiter bit takes the chain and
 * wakes a whole queue: the writers first, as {@code Sx} does. The reader rule
 * ({@code __rw_can_read}): a read acquire goes ahead of a waiting writer only if the thread already
 * holds some rw read lock ({@code td_rw_rlocks}).
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

    private static final long READ = 0x01;
    private static final long READ_WAITERS = 0x02;
    private static final long WRITE_WAITERS = 0x04;
    private static final long WAITERS = READ_WAITERS | WRITE_WAITERS;
    private static final int READERS_SHIFT = 4;
    private static final long ONE_READER = 1L << READERS_SHIFT;
    private static final long UNLOCKED = READ;
    private static final long DESTROYED = WAITERS;

    private final AtomicLong word = new AtomicLong(UNLOCKED);
    private final Turnstile turnstile = new Turnstile();
    private int recurse;
    /** The writer, for deadlock detection. */
    private KThread wowner;

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
        if (wownedBy(td)) {
            throw Machine.panic("rw_rlock: wlock already held for " + name());
        }
        long v = word.get();
        if (!canRead(td, v) || !word.compareAndSet(v, v + ONE_READER)) {
            rlockHard(td);
        }
        td.rwRlocks++;
    }

    /** {@code rw_runlock}: releases a read hold; the last reader wakes the waiters. */
    @Release(shared = true)
    public void runlock() {
        Machine.window();
        KThread td = KThread.curthread();
        if (readers(word.get()) == 0) {
            throw Machine.panic("Lock " + name() + " not read locked");
        }
        td.rwRlocks--;
        td.lastRelease = td.machine.steps();
        for (;;) {
            long v = word.get();
            if (readers(v) > 1) {
                if (word.compareAndSet(v, v - ONE_READER)) {
                    return;
                }
            } else if ((v & WAITERS) != 0) {
                runlockHard(td);
                return;
            } else if (word.compareAndSet(v, UNLOCKED)) {
                return;
            }
        }
    }

    /** {@code rw_wlock}: takes it for writing, blocking while anyone holds it. */
    @Acquire
    public void wlock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "rw_wlock()");
        if (!word.compareAndSet(UNLOCKED, owner(td))) {
            wlockHard(td);
        }
        wowner = td;
    }

    /** {@code rw_wunlock}: releases the write hold; the last one wakes the waiters. */
    @Release
    public void wunlock() {
        Machine.window();
        KThread td = KThread.curthread();
        if (!wownedBy(td)) {
            throw Machine.panic("Lock " + name() + " not exclusively locked");
        }
        if (recurse > 0) {
            recurse--;
            return;
        }
        wowner = null;
        td.lastRelease = td.machine.steps();
        if (!word.compareAndSet(owner(td), UNLOCKED)) {
            wunlockHard(td);
        }
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
        KThread td = KThread.curthread();
        for (long v = word.get(); readers(v) == 1; v = word.get()) {
            if (word.compareAndSet(v, owner(td) | (v & WAITERS))) {
                td.rwRlocks--;
                wowner = td;
                return true;
            }
        }
        return false;
    }

    /** {@code rw_downgrade}: turns the caller's unrecursed write hold into a read hold, waking readers if no writer waits. */
    @Downgrade
    public void downgrade() {
        Machine.window();
        KThread td = KThread.curthread();
        if (!wownedBy(td)) {
            throw Machine.panic("Lock " + name() + " not exclusively locked");
        }
        if (recurse > 0) {
            throw Machine.panic("Lock " + name() + " recursed");
        }
        wowner = null;
        td.rwRlocks++;
        if (word.compareAndSet(owner(td), READ | ONE_READER)) {
            return;
        }
        Mtx chain = td.machine.turnstileChain;
        chain.lockSpin();
        long v = word.get() & WAITERS;
        boolean readWaiters = (v & READ_WAITERS) != 0;
        boolean writeWaiters = (v & WRITE_WAITERS) != 0;
        if (!writeWaiters) {
            v &= ~READ_WAITERS;
        }
        word.set(READ | ONE_READER | v);
        if (readWaiters && !writeWaiters) {
            turnstile.broadcast(Turnstile.SHARED_QUEUE);
        }
        chain.unlockSpin();
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
        return wownedBy(KThread.curthread());
    }

    /** {@code rw_destroy}: it must be unlocked; any later use panics. */
    @LockDestroy
    public void destroy() {
        if (word.get() != UNLOCKED) {
            throw Machine.panic("rw lock " + name() + " not unlocked");
        }
        word.set(DESTROYED);
    }

    @Override
    KThread exclusiveOwner() {
        return wowner;
    }

    /** {@code unlock_rw}: 1 after a read hold, 0 after a write hold. */
    @Override
    int lcUnlock() {
        if ((word.get() & READ) != 0) {
            runlock();
            return 1;
        }
        if (recurse > 0) {
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

    private static long owner(KThread td) {
        return td.tid << READERS_SHIFT;
    }

    private static long readers(long v) {
        return (v & READ) != 0 ? v >>> READERS_SHIFT : 0;
    }

    /** {@code __rw_can_read}: read-locked or free, and no writer waits unless the thread already holds an rw read lock. */
    private static boolean canRead(KThread td, long v) {
        return (v & (READ | WRITE_WAITERS)) == READ || (td.rwRlocks > 0 && (v & READ) != 0);
    }

    private boolean wownedBy(KThread td) {
        long v = word.get();
        return (v & READ) == 0 && v >>> READERS_SHIFT == td.tid;
    }

    private void checkUsable(KThread td, String op) {
        if (td.idle) {
            throw Machine.panic(op + " by idle thread " + td + " on rwlock " + name());
        }
        if (word.get() == DESTROYED) {
            throw Machine.panic(op + " of destroyed rwlock");
        }
    }

    /** {@code __rw_rlock_hard}: block on the shared queue until the reader rule lets the thread in. */
    private void rlockHard(KThread td) {
        Mtx chain = td.machine.turnstileChain;
        for (;;) {
            long v = word.get();
            if (canRead(td, v)) {
                if (word.compareAndSet(v, v + ONE_READER)) {
                    return;
                }
                continue;
            }
            chain.lockSpin();
            v = word.get();
            if (canRead(td, v) || ((v & READ_WAITERS) == 0 && !word.compareAndSet(v, v | READ_WAITERS))) {
                chain.unlockSpin();
                continue;
            }
            block(td, Turnstile.SHARED_QUEUE, "read");
        }
    }

    /** Blocks on one of the turnstile queues; called with the turnstile chain held, which it releases. */
    private void block(KThread td, int queue, String mode) {
        td.blockedOn = this;
        turnstile.await(td, queue, "rw \"" + name() + "\" (" + mode + ")");
        td.blockedOn = null;
    }

    /** {@code __rw_runlock_hard}: the last reader releases and wakes the writers, else the readers. */
    private void runlockHard(KThread td) {
        Mtx chain = td.machine.turnstileChain;
        chain.lockSpin();
        for (;;) {
            long v = word.get();
            if (readers(v) > 1) {
                if (word.compareAndSet(v, v - ONE_READER)) {
                    break;
                }
                continue;
            }
            long setv = UNLOCKED;
            int queue = Turnstile.SHARED_QUEUE;
            if ((v & WRITE_WAITERS) != 0) {
                queue = Turnstile.EXCLUSIVE_QUEUE;
                setv |= v & READ_WAITERS;
            }
            if (word.compareAndSet(v, setv)) {
                turnstile.broadcast(queue);
                break;
            }
        }
        chain.unlockSpin();
    }

    /** {@code __rw_wlock_hard}: recurse, or block on the exclusive queue until it is free. */
    private void wlockHard(KThread td) {
        if (wownedBy(td)) {
            if ((flags() & LO_RECURSABLE) == 0) {
                throw Machine.panic("_rw_wlock_hard: recursing but non-recursive rw " + name());
            }
            recurse++;
            return;
        }
        Mtx chain = td.machine.turnstileChain;
        for (;;) {
            if (word.compareAndSet(UNLOCKED, owner(td))) {
                return;
            }
            chain.lockSpin();
            long v = word.get();
            long waiters = v & WAITERS;
            if ((v & ~waiters) == UNLOCKED) {
                // Free, perhaps with waiters still queued: claim it and keep their bits.
                boolean claimed = word.compareAndSet(v, owner(td) | waiters);
                chain.unlockSpin();
                if (claimed) {
                    return;
                }
                continue;
            }
            if ((v & WRITE_WAITERS) == 0 && !word.compareAndSet(v, v | WRITE_WAITERS)) {
                chain.unlockSpin();
                continue;
            }
            block(td, Turnstile.EXCLUSIVE_QUEUE, "write");
        }
    }

    /** {@code __rw_wunlock_hard}: release and wake the writers, else the readers. */
    private void wunlockHard(KThread td) {
        Mtx chain = td.machine.turnstileChain;
        chain.lockSpin();
        long v = word.get();
        long setv = UNLOCKED;
        int queue = Turnstile.SHARED_QUEUE;
        if ((v & WRITE_WAITERS) != 0) {
            queue = Turnstile.EXCLUSIVE_QUEUE;
            setv |= v & READ_WAITERS;
        }
        word.set(setv);
        turnstile.broadcast(queue);
        chain.unlockSpin();
    }
}
