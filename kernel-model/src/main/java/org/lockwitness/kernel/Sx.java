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
 * A shared/exclusive lock ({@code struct sx}, {@code kern_sx.c}): sleepable and upgradable. Its
 * waiters sleep, so it may be held across a sleep and taken only where sleeping is allowed.
 *
 * <p>Design: the lock word has FreeBSD's layout. The low bits are {@code SX_LOCK_SHARED}, the shared
 * and exclusive waiter bits and {@code SX_LOCK_RECURSED}; above them is the number of sharers when
 * the shared bit is set, else the owner's thread id. Unlocked is "shared with no sharers". An
 * uncontested operation is one compare-and-set. A waiter sets its waiter bit and queues on the
 * shared or the exclusive sleep queue in one hold of the machine's "sleepq chain", so a release
 * that sees a waiter bit takes the chain and wakes a whole queue: the exclusive one first, as modern
 * FreeBSD does. The reader rule ({@code __sx_can_read}): a shared acquire goes ahead of a waiting
 * writer only if the thread already holds some sx shared ({@code td_sx_slocks}).
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
    /** The wait channel of {@code SQ_SHARED_QUEUE}. */
    private final Object sharedQueue = new Object();
    /** The wait channel of {@code SQ_EXCLUSIVE_QUEUE}. */
    private final Object exclusiveQueue = new Object();
    private int recurse;
    /** The exclusive owner, for deadlock detection. */
    private KThread xowner;

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
        if (!word.compareAndSet(UNLOCKED, owner(td))) {
            xlockHard(td);
        }
        xowner = td;
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
        if (xlockedBy(td) && (flags() & LO_RECURSABLE) != 0) {
            recurse++;
            word.getAndAccumulate(RECURSED, (x, bit) -> x | bit);
            return true;
        }
        if (!word.compareAndSet(UNLOCKED, owner(td))) {
            return false;
        }
        xowner = td;
        return true;
    }

    /** {@code sx_xunlock}: releases an exclusive hold; the last one wakes the waiters. */
    @Release
    public void xunlock() {
        Machine.window();
        KThread td = KThread.curthread();
        if (!xlockedBy(td)) {
            throw Machine.panic("Lock " + name() + " not exclusively locked");
        }
        if (recurse == 0) {
            xowner = null;
            td.lastRelease = td.machine.steps();
        }
        if (!word.compareAndSet(owner(td), UNLOCKED)) {
            xunlockHard(td);
        }
    }

    /** {@code sx_slock}: takes it shared, sleeping while it is held exclusive or, by the reader rule, while a writer waits. */
    @Acquire(shared = true)
    public void slock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "sx_slock()");
        long x = word.get();
        if (!canRead(td, x) || !word.compareAndSet(x, x + ONE_SHARER)) {
            slockHard(td);
        }
        td.sxSlocks++;
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
        for (long x = word.get(); (x & SHARED) != 0; x = word.get()) {
            if (word.compareAndSet(x, x + ONE_SHARER)) {
                td.sxSlocks++;
                return true;
            }
        }
        return false;
    }

    /** {@code sx_sunlock}: releases a shared hold; the last sharer wakes the waiters. */
    @Release(shared = true)
    public void sunlock() {
        Machine.window();
        KThread td = KThread.curthread();
        if (sharers(word.get()) == 0) {
            throw Machine.panic("Lock " + name() + " not share locked");
        }
        td.sxSlocks--;
        td.lastRelease = td.machine.steps();
        for (;;) {
            long x = word.get();
            if (sharers(x) > 1) {
                if (word.compareAndSet(x, x - ONE_SHARER)) {
                    return;
                }
            } else if ((x & WAITERS) != 0) {
                sunlockHard(td);
                return;
            } else if (word.compareAndSet(x, UNLOCKED)) {
                return;
            }
        }
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
        KThread td = KThread.curthread();
        for (long x = word.get(); sharers(x) == 1; x = word.get()) {
            if (word.compareAndSet(x, owner(td) | (x & WAITERS))) {
                td.sxSlocks--;
                xowner = td;
                return true;
            }
        }
        return false;
    }

    /** {@code sx_downgrade}: turns the caller's unrecursed exclusive hold into a shared one, waking the readers. */
    @Downgrade
    public void downgrade() {
        Machine.window();
        KThread td = KThread.curthread();
        if (!xlockedBy(td)) {
            throw Machine.panic("Lock " + name() + " not exclusively locked");
        }
        if (recurse > 0) {
            throw Machine.panic("downgrade of a recursed lock");
        }
        xowner = null;
        td.sxSlocks++;
        long x = word.get();
        if ((x & SHARED_WAITERS) == 0
                && word.compareAndSet(x, SHARED | ONE_SHARER | (x & EXCLUSIVE_WAITERS))) {
            return;
        }
        Sleepq sq = td.machine.sleepq;
        sq.lock();
        x = word.get();
        word.set(SHARED | ONE_SHARER | (x & EXCLUSIVE_WAITERS));
        if ((x & SHARED_WAITERS) != 0) {
            sq.broadcast(sharedQueue);
        }
        sq.release();
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
        return xlockedBy(KThread.curthread());
    }

    /** {@code sx_destroy}: it must be unlocked; any later use panics. */
    @LockDestroy
    public void destroy() {
        if (word.get() != UNLOCKED) {
            throw Machine.panic("sx lock still held");
        }
        word.set(DESTROYED);
    }

    @Override
    KThread exclusiveOwner() {
        return xowner;
    }

    /** {@code unlock_sx}: 0 after an exclusive hold, 1 after a shared one. */
    @Override
    int lcUnlock() {
        if (xlockedBy(KThread.curthread())) {
            if (recurse > 0) {
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

    private static long owner(KThread td) {
        return td.tid << SHARERS_SHIFT;
    }

    private static long sharers(long x) {
        return (x & SHARED) != 0 ? x >>> SHARERS_SHIFT : 0;
    }

    /** {@code __sx_can_read}: shared, and no writer waits unless the thread already holds an sx shared. */
    private static boolean canRead(KThread td, long x) {
        return (x & (SHARED | EXCLUSIVE_WAITERS)) == SHARED || (td.sxSlocks > 0 && (x & SHARED) != 0);
    }

    private boolean xlockedBy(KThread td) {
        long x = word.get();
        return (x & SHARED) == 0 && x >>> SHARERS_SHIFT == td.tid;
    }

    private void checkUsable(KThread td, String op) {
        if (td.idle) {
            throw Machine.panic(op + " by idle thread " + td + " on sx " + name());
        }
        if (word.get() == DESTROYED) {
            throw Machine.panic(op + " of destroyed sx");
        }
    }

    /** {@code _sx_xlock_hard}: recurse, or sleep on the exclusive queue until it is free. */
    private void xlockHard(KThread td) {
        if (xlockedBy(td)) {
            if ((flags() & LO_RECURSABLE) == 0) {
                throw Machine.panic("_sx_xlock_hard: recursed on non-recursive sx " + name());
            }
            recurse++;
            word.getAndAccumulate(RECURSED, (x, bit) -> x | bit);
            return;
        }
        Sleepq sq = td.machine.sleepq;
        int giant = 0;
        for (;;) {
            if (word.compareAndSet(UNLOCKED, owner(td))) {
                break;
            }
            sq.lock();
            long x = word.get();
            long waiters = x & WAITERS;
            if ((x & ~waiters) == UNLOCKED) {
                // Free, perhaps with waiters still queued: claim it and keep their bits.
                boolean claimed = word.compareAndSet(x, owner(td) | waiters);
                sq.release();
                if (claimed) {
                    break;
                }
                continue;
            }
            if ((x & EXCLUSIVE_WAITERS) == 0 && !word.compareAndSet(x, x | EXCLUSIVE_WAITERS)) {
                sq.release();
                continue;
            }
            giant += Synch.dropGiant(td);
            sleep(td, exclusiveQueue);
        }
        Synch.pickupGiant(td, giant);
    }

    /** Sleeps on one of the two queues; called with the sleepq chain held, which it releases. */
    private void sleep(KThread td, Object queue) {
        Sleepq sq = td.machine.sleepq;
        sq.add(td, queue, name());
        td.bareSleep = false;
        td.blockedOn = this;
        sq.await(td);
        td.blockedOn = null;
    }

    /** {@code _sx_xunlock_hard}: unrecurse, or release and wake the exclusive queue, else the shared one. */
    private void xunlockHard(KThread td) {
        if (recurse > 0) {
            if (--recurse == 0) {
                word.getAndAccumulate(~RECURSED, (x, mask) -> x & mask);
            }
            return;
        }
        Sleepq sq = td.machine.sleepq;
        sq.lock();
        long x = word.get();
        long setx = UNLOCKED;
        Object queue = sharedQueue;
        if ((x & EXCLUSIVE_WAITERS) != 0 && sq.hasSleepers(exclusiveQueue)) {
            queue = exclusiveQueue;
            setx |= x & SHARED_WAITERS;
        }
        word.set(setx);
        sq.broadcast(queue);
        sq.release();
    }

    /** {@code _sx_slock_hard}: sleep on the shared queue until the reader rule lets the thread in. */
    private void slockHard(KThread td) {
        Sleepq sq = td.machine.sleepq;
        int giant = 0;
        for (;;) {
            long x = word.get();
            if (canRead(td, x)) {
                if (word.compareAndSet(x, x + ONE_SHARER)) {
                    break;
                }
                continue;
            }
            sq.lock();
            x = word.get();
            if (canRead(td, x) || ((x & SHARED_WAITERS) == 0 && !word.compareAndSet(x, x | SHARED_WAITERS))) {
                sq.release();
                continue;
            }
            giant += Synch.dropGiant(td);
            sleep(td, sharedQueue);
        }
        Synch.pickupGiant(td, giant);
    }

    /** {@code _sx_sunlock_hard}: the last sharer releases and wakes the exclusive queue, else the shared one. */
    private void sunlockHard(KThread td) {
        Sleepq sq = td.machine.sleepq;
        sq.lock();
        for (;;) {
            long x = word.get();
            if (sharers(x) > 1) {
                if (word.compareAndSet(x, x - ONE_SHARER)) {
                    break;
                }
                continue;
            }
            long setx = UNLOCKED;
            Object queue = sharedQueue;
            if ((x & EXCLUSIVE_WAITERS) != 0) {
                queue = exclusiveQueue;
                setx |= x & SHARED_WAITERS;
            }
            if (word.compareAndSet(x, setx)) {
                sq.broadcast(queue);
                break;
            }
        }
        sq.release();
    }
}
