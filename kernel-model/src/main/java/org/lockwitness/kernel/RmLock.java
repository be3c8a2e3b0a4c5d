package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.lockwitness.kernel.probe.Acquire;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.LockDestroy;
import org.lockwitness.kernel.probe.LockInit;
import org.lockwitness.kernel.probe.Release;
import org.lockwitness.kernel.probe.TryAcquire;

/**
 * A read-mostly lock ({@code struct rmlock}, {@code kern_rmlock.c}), with FreeBSD 9's algorithm:
 * readers touch only their own CPU, and a writer pays with an SMP rendezvous.
 *
 * <p>Design: a reader puts its {@link RmTracker} on its CPU's tracker queue ({@code pc_rm_queue})
 * and pins itself inside a raw {@code td_critnest++/--}, then needs nothing else while its CPU is
 * not in {@code rm_writecpus}; otherwise {@code _rm_rlock_hard} takes the lock through the writer's
 * backing lock, a NOWITNESS sleep mutex (or, for {@link #SLEEPABLE}, a NOWITNESS {@link Sx}), and
 * clears its CPU from {@code rm_writecpus}. A writer takes the backing lock, sets every CPU in
 * {@code rm_writecpus}, and runs {@code rm_cleanIPI} by rendezvous on the CPUs that had readers: on
 * each, every local tracker of this lock with no flags moves, under the machine's spin mutex
 * "rm_spinlock", to the lock's active-reader list. The writer then blocks on the lock's turnstile
 * for each active reader ({@code RMPF_SIGNAL}) until that reader's {@code _rm_unlock_hard} wakes it.
 *
 * <p>Thread-safety: safe for use by kernel threads of one machine. {@code rm_writecpus} is atomic;
 * the active-reader list is guarded by "rm_spinlock"; a tracker queue is touched only by its CPU.
 */
@KernelCode
public final class RmLock extends LockObject {

    /** {@code RM_NOWITNESS}: the checker ignores it. */
    public static final int NOWITNESS = 0x01;
    /** {@code RM_RECURSE}: a reader may read-lock it again while a writer waits. */
    public static final int RECURSE = 0x02;
    /** {@code RM_SLEEPABLE}: the "sleepable rm" class, with an sx as its backing lock. */
    public static final int SLEEPABLE = 0x04;

    /** {@code all_cpus}, for any machine: every bit set. */
    private static final int ALL_CPUS = -1;

    /** {@code rm_writecpus}: the CPUs whose readers must take the hard path. */
    private final AtomicInteger writecpus = new AtomicInteger(ALL_CPUS);
    /** {@code rm_activeReaders}, guarded by "rm_spinlock". */
    private final List<RmTracker> activeReaders = new ArrayList<>();
    /** {@code rm_lock_mtx}, or null for a sleepable lock. */
    private final Mtx lockMtx;
    /** {@code rm_lock_sx}, or null for a non-sleepable lock. */
    private final Sx lockSx;
    /** Where the writer waits out the active readers. */
    private final Turnstile turnstile = new Turnstile();
    private volatile boolean destroyed;

    /**
     * {@code rm_init_flags}.
     *
     * @param name the lock's name (its witness type)
     * @param opts 0, or {@link #NOWITNESS}, {@link #RECURSE}, {@link #SLEEPABLE}
     */
    @LockInit
    public RmLock(String name, int opts) {
        super(name, (opts & SLEEPABLE) != 0 ? LockClass.SLEEPABLE_RM : LockClass.RM, loFlags(opts));
        if ((opts & SLEEPABLE) != 0) {
            lockSx = new Sx("rmlock_sx", Sx.NOWITNESS);
            lockMtx = null;
        } else {
            lockMtx = new Mtx(name, Mtx.NOWITNESS);
            lockSx = null;
        }
    }

    private static int loFlags(int opts) {
        if ((opts & ~(NOWITNESS | RECURSE | SLEEPABLE)) != 0) {
            throw new IllegalArgumentException("unknown rm options 0x" + Integer.toHexString(opts));
        }
        int f = 0;
        if ((opts & NOWITNESS) == 0) {
            f |= LO_WITNESS;
        }
        if ((opts & RECURSE) != 0) {
            f |= LO_RECURSABLE;
        }
        if ((opts & SLEEPABLE) != 0) {
            f |= LO_SLEEPABLE;
        }
        return f;
    }

    /**
     * {@code rm_rlock}: takes a read hold, recorded in {@code tracker}. Blocks only while a writer
     * holds the lock.
     *
     * @param tracker a tracker not in use; give it back to {@link #runlock}
     */
    @Acquire(shared = true, nosleep = true)
    public void rlock(RmTracker tracker) {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "rm_rlock()");
        if (wowned()) {
            throw Machine.panic("rm_rlock: wlock already held for " + name());
        }
        if ((flags() & LO_RECURSABLE) == 0) {
            Critical.enter();
            if (trackersPresent(td.cpu, td) != 0) {
                throw Machine.panic("rm_rlock: recursed on non-recursive rmlock " + name());
            }
            Critical.exit();
        }
        rlockFast(td, tracker, false);
    }

    /**
     * {@code rm_try_rlock}: like {@link #rlock} but fails rather than wait for a writer.
     *
     * @param tracker a tracker not in use
     * @return true when the read hold was taken
     */
    @TryAcquire(shared = true, nosleep = true)
    public boolean tryRlock(RmTracker tracker) {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "rm_rlock()");
        return rlockFast(td, tracker, true);
    }

    /**
     * {@code rm_runlock}: releases the read hold recorded in {@code tracker}, waking a writer that
     * waits for it.
     *
     * @param tracker the tracker of the hold
     */
    @Release(shared = true)
    public void runlock(RmTracker tracker) {
        Machine.window();
        KThread td = tracker.thread;
        if (tracker.rmlock != this || td != KThread.curthread()) {
            throw Machine.panic("Lock " + name() + " not read locked");
        }
        td.critnest++;
        Cpu pc = td.cpu;
        pc.rmQueue.remove(tracker);
        td.critnest--;
        Sched.unpin();
        td.lastRelease = td.machine.steps();
        if (!td.owepreempt && tracker.flags == 0) {
            return;
        }
        unlockHard(td, tracker);
    }

    /** {@code rm_wlock}: takes the write hold, recalls the read tokens of every CPU, and waits out the readers. */
    @Acquire
    public void wlock() {
        Machine.window();
        KThread td = KThread.curthread();
        checkUsable(td, "rm_wlock()");
        backingLock();
        int w = writecpus.get();
        if (w != ALL_CPUS) {
            writecpus.set(ALL_CPUS);
            Smp.rendezvousCpus(~w, Smp.NO_BARRIER, this::rmCleanIpi, Smp.NO_BARRIER);
            waitForReaders(td);
        }
    }

    /** {@code rm_wunlock}. */
    @Release
    public void wunlock() {
        Machine.window();
        backingUnlock();
    }

    /** @return whether the calling kernel thread holds the write lock ({@code rm_wowned}) */
    public boolean wowned() {
        return lockSx != null ? lockSx.xlocked() : lockMtx.owned();
    }

    /**
     * {@code rm_destroy}: it begins with {@code rm_assert(rm, RA_UNLOCKED)}, so destroying a
     * write-held rm lock panics, whoever holds it (the checker reports it on entry); then its backing
     * mutex or sx is destroyed. Any later use panics.
     */
    @LockDestroy
    public void destroy() {
        KThread writer = lockSx != null ? lockSx.exclusiveOwner() : lockMtx.ownerThread();
        if (writer != null) {
            throw Machine.panic("rm_destroy: rmlock " + name() + " write-locked by " + writer);
        }
        destroyed = true;
        if (lockSx != null) {
            lockSx.destroy();
        } else {
            lockMtx.destroy();
        }
    }

    /** {@code unlock_rm}: only a write hold can be dropped for a sleep. */
    @Override
    int lcUnlock() {
        wunlock();
        return 1;
    }

    /** {@code lock_rm}. */
    @Override
    void lcLock(int how) {
        if (how == 0) {
            throw Machine.panic("lock_rm called in read mode");
        }
        wlock();
    }

    private void checkUsable(KThread td, String op) {
        if (td.idle) {
            throw Machine.panic(op + " by idle thread " + td + " on rmlock " + name());
        }
        if (destroyed) {
            throw Machine.panic(op + " of destroyed rmlock");
        }
    }

    /** {@code _rm_rlock}: the fast path, which only touches this CPU. */
    private boolean rlockFast(KThread td, RmTracker tracker, boolean trylock) {
        tracker.flags = 0;
        tracker.thread = td;
        tracker.rmlock = this;
        td.critnest++;
        Cpu pc = td.cpu;
        pc.rmQueue.add(0, tracker);
        Sched.pin();
        td.critnest--;
        if (!td.owepreempt && (writecpus.get() & bit(pc)) == 0) {
            return true;
        }
        return rlockHard(td, tracker, trylock);
    }

    /**
     * {@code _rm_rlock_hard}: perform an owed preemption; keep the hold if the rendezvous already
     * made this reader active or, for a recursable lock, this thread already reads it here; else
     * take the read token of this CPU back through the backing lock.
     */
    private boolean rlockHard(KThread td, RmTracker tracker, boolean trylock) {
        Critical.enter();
        Cpu pc = td.cpu;
        if ((writecpus.get() & bit(pc)) == 0) {
            Critical.exit();
            return true;
        }
        pc.rmQueue.remove(tracker);
        if (tracker.flags != 0) {
            pc.rmQueue.add(0, tracker);
            Critical.exit();
            return true;
        }
        if ((flags() & LO_RECURSABLE) != 0 && trackersPresent(pc, td) != 0) {
            Mtx spin = td.machine.rmSpinlock;
            spin.lockSpin();
            activeReaders.add(0, tracker);
            tracker.flags = RmTracker.RMPF_ONQUEUE;
            spin.unlockSpin();
            pc.rmQueue.add(0, tracker);
            Critical.exit();
            return true;
        }
        Sched.unpin();
        Critical.exit();
        if (!trylock) {
            backingLock();
        } else if (!(lockSx != null ? lockSx.tryXlock() : lockMtx.tryLock())) {
            return false;
        }
        Critical.enter();
        pc = td.cpu;
        writecpus.getAndAccumulate(~bit(pc), (w, mask) -> w & mask);
        pc.rmQueue.add(0, tracker);
        Sched.pin();
        Critical.exit();
        backingUnlock();
        return true;
    }

    /** {@code _rm_unlock_hard}: perform an owed preemption; leave the active-reader list and wake a waiting writer. */
    private void unlockHard(KThread td, RmTracker tracker) {
        if (td.owepreempt) {
            td.critnest++;
            Critical.exit();
        }
        if (tracker.flags == 0) {
            return;
        }
        Mtx spin = td.machine.rmSpinlock;
        spin.lockSpin();
        activeReaders.remove(tracker);
        if ((tracker.flags & RmTracker.RMPF_SIGNAL) != 0) {
            Mtx chain = td.machine.turnstileChain;
            chain.lockSpin();
            spin.unlockSpin();
            turnstile.signal(Turnstile.EXCLUSIVE_QUEUE);
            chain.unlockSpin();
        } else {
            spin.unlockSpin();
        }
    }

    /**
     * {@code rm_cleanIPI}: the rendezvous action on each CPU that had readers. Makes every tracker
     * of this lock on this CPU's queue that has no flags an active reader. Runs in interrupt
     * context; the queue may grow at its head meanwhile, so it is walked by index.
     */
    private void rmCleanIpi() {
        KThread td = KThread.curthread();
        List<Object> queue = td.cpu.rmQueue;
        Mtx spin = td.machine.rmSpinlock;
        for (int i = 0; i < queue.size(); i++) {
            RmTracker tracker = (RmTracker) queue.get(i);
            if (tracker.rmlock == this && tracker.flags == 0) {
                tracker.flags = RmTracker.RMPF_ONQUEUE;
                spin.lockSpin();
                activeReaders.add(0, tracker);
                spin.unlockSpin();
            }
        }
    }

    /** The end of {@code _rm_wlock}: block on the turnstile for each active reader until none is left. */
    private void waitForReaders(KThread td) {
        Mtx spin = td.machine.rmSpinlock;
        Mtx chain = td.machine.turnstileChain;
        spin.lockSpin();
        while (!activeReaders.isEmpty()) {
            RmTracker prio = activeReaders.get(0);
            chain.lockSpin();
            prio.flags = RmTracker.RMPF_ONQUEUE | RmTracker.RMPF_SIGNAL;
            spin.unlockSpin();
            turnstile.await(td, Turnstile.EXCLUSIVE_QUEUE, "rm \"" + name() + "\" read by " + prio.thread);
            spin.lockSpin();
        }
        spin.unlockSpin();
    }

    /** {@code rm_trackers_present}: how many trackers {@code td} has for this lock on {@code pc}'s queue. */
    private int trackersPresent(Cpu pc, KThread td) {
        int n = 0;
        for (Object o : pc.rmQueue) {
            RmTracker t = (RmTracker) o;
            if (t.rmlock == this && t.thread == td) {
                n++;
            }
        }
        return n;
    }

    private void backingLock() {
        if (lockSx != null) {
            lockSx.xlock();
        } else {
            lockMtx.lock();
        }
    }

    private void backingUnlock() {
        if (lockSx != null) {
            lockSx.xunlock();
        } else {
            lockMtx.unlock();
        }
    }

    private static int bit(Cpu pc) {
        return 1 << pc.id;
    }
}
