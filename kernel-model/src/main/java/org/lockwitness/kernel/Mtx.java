// Over 400 lines: sleep and spin mutexes share one lock word, recursion, destroy and the
// checker's probes, as kern_mutex.c does; the spin-deadlock cycle check needs the owner word too.
// Not split: every probe-annotated method (lock, unlock, the spin wait, destroy) must be a method of
// the mutex itself, since the calls the agent weaves into it pass the method's receiver as the lock.
package org.lockwitness.kernel;

import java.util.concurrent.atomic.AtomicReference;
import org.lockwitness.kernel.probe.Acquire;
import org.lockwitness.kernel.probe.Assertion;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.LockDestroy;
import org.lockwitness.kernel.probe.LockInit;
import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.Release;
import org.lockwitness.kernel.probe.SpinWait;
import org.lockwitness.kernel.probe.TryAcquire;

/**
 * A mutex ({@code struct mtx}): a sleep mutex ({@link #DEF}) whose waiters block on a turnstile, or
 * a spin mutex ({@link #SPIN}) that spins with interrupts off.
 *
 * <p>Design: the lock word is null (unowned), the owning thread, or the owner's
 * {@link Contested} mark ({@code MTX_CONTESTED}) once a waiter queued; an uncontested lock and
 * unlock is one compare-and-set. Waiters block on the mutex's {@link Turnstile} under the machine's
 * spin mutex "turnstile chain"; a contested unlock wakes them all ({@code turnstile_broadcast}) and
 * they race again. Spin contention follows {@code _mtx_lock_spin}: drop to {@code spinlock_exit} (interrupts on
 * at the outermost level), spin with {@code cpu_spinwait}, re-enter and retry.
 *
 * <p>Thread-safety: safe for use by kernel threads of one machine at a time.
 */
@KernelCode
public final class Mtx extends LockObject {

    /** {@code MTX_DEF}: a sleep mutex. */
    public static final int DEF = 0x0;
    /** {@code MTX_SPIN}: a spin mutex. */
    public static final int SPIN = 0x1;
    /** {@code MTX_RECURSE}: the owner may lock it again. */
    public static final int RECURSE = 0x4;
    /** {@code MTX_NOWITNESS}: the checker ignores it. */
    public static final int NOWITNESS = 0x8;
    /** {@code MTX_DUPOK}: holding two of this name is fine. */
    public static final int DUPOK = 0x10;
    /** Not FreeBSD's: the model's own lock ({@link LockObject#LO_INFRASTRUCTURE}). */
    public static final int INFRASTRUCTURE = 0x100;

    /** The contested mark of one owner. */
    static final class Contested {
        final KThread owner;

        Contested(KThread owner) {
            this.owner = owner;
        }
    }

    private final AtomicReference<Object> word = new AtomicReference<>();
    private final Turnstile turnstile = new Turnstile();
    private int recurse;
    private boolean destroyed;
    /** The scheduling point at which the owner took it, for lost-wakeup detection. */
    private long ownedSince;

    /**
     * {@code mtx_init}.
     *
     * @param name the lock's name (its witness type)
     * @param opts {@link #DEF} or {@link #SPIN}, with {@link #RECURSE}, {@link #NOWITNESS},
     *             {@link #DUPOK}, {@link #INFRASTRUCTURE}
     */
    @LockInit
    public Mtx(String name, int opts) {
        super(name, (opts & SPIN) != 0 ? LockClass.SPIN_MUTEX : LockClass.SLEEP_MUTEX, loFlags(opts));
    }

    private static int loFlags(int opts) {
        if ((opts & ~(SPIN | RECURSE | NOWITNESS | DUPOK | INFRASTRUCTURE)) != 0) {
            throw new IllegalArgumentException("unknown mutex options 0x" + Integer.toHexString(opts));
        }
        int f = 0;
        if ((opts & NOWITNESS) == 0) {
            f |= LO_WITNESS;
        }
        if ((opts & RECURSE) != 0) {
            f |= LO_RECURSABLE;
        }
        if ((opts & DUPOK) != 0) {
            f |= LO_DUPOK;
        }
        if ((opts & INFRASTRUCTURE) != 0) {
            f |= LO_INFRASTRUCTURE;
        }
        return f;
    }

    /** {@code mtx_lock}: takes a sleep mutex, blocking on its turnstile while it is owned. */
    @Acquire
    public void lock() {
        Machine.window();
        KThread td = KThread.curthread();
        if (lockClass() != LockClass.SLEEP_MUTEX) {
            throw Machine.panic("mtx_lock() of spin mutex " + name());
        }
        checkUsable(td);
        if (owner() == td) {
            recurseOn(td, "_mtx_lock_sleep");
            return;
        }
        if (!took(td, word.compareAndSet(null, td))) {
            lockSleep(td);
        }
    }

    /**
     * {@code mtx_trylock}.
     *
     * @return true when the mutex was taken (or recursed on)
     */
    @TryAcquire
    public boolean tryLock() {
        Machine.window();
        KThread td = KThread.curthread();
        if (lockClass() != LockClass.SLEEP_MUTEX) {
            throw Machine.panic("mtx_trylock() of spin mutex " + name());
        }
        checkUsable(td);
        if (owner() == td && (flags() & LO_RECURSABLE) != 0) {
            recurse++;
            return true;
        }
        return took(td, word.compareAndSet(null, td));
    }

    /** {@code mtx_unlock}. */
    @Release
    public void unlock() {
        Machine.window();
        KThread td = KThread.curthread();
        if (lockClass() != LockClass.SLEEP_MUTEX) {
            throw Machine.panic("mtx_unlock() of spin mutex " + name());
        }
        if (owner() != td) {
            throw Machine.panic("mutex " + name() + " not owned");
        }
        if (recurse > 0) {
            recurse--;
            return;
        }
        td.lastRelease = td.machine.steps();
        if (!word.compareAndSet(td, null)) {
            unlockSleep(td);
        }
    }

    /** {@code mtx_lock_spin}: disables interrupts, enters a critical section, spins until free. */
    @Acquire(spin = true)
    public void lockSpin() {
        Machine.window();
        KThread td = KThread.curthread();
        if (lockClass() != LockClass.SPIN_MUTEX) {
            throw Machine.panic("mtx_lock_spin() of sleep mutex " + name());
        }
        checkUsable(td);
        Spinlock.enter();
        if (owner() == td) {
            recurseOn(td, "mtx_lock_spin");
            return;
        }
        if (!took(td, word.compareAndSet(null, td))) {
            lockSpinHard(td);
        }
    }

    /**
     * {@code mtx_trylock_spin}.
     *
     * @return true when the mutex was taken (or recursed on); on false nothing is held
     */
    @TryAcquire(spin = true)
    public boolean tryLockSpin() {
        Machine.window();
        KThread td = KThread.curthread();
        if (lockClass() != LockClass.SPIN_MUTEX) {
            throw Machine.panic("mtx_trylock_spin() of sleep mutex " + name());
        }
        checkUsable(td);
        Spinlock.enter();
        if (owner() == td && (flags() & LO_RECURSABLE) != 0) {
            recurse++;
            return true;
        }
        if (took(td, word.compareAndSet(null, td))) {
            return true;
        }
        Spinlock.exit();
        return false;
    }

    /** {@code mtx_unlock_spin}: releases, then leaves the critical section and restores interrupts. */
    @Release(spin = true)
    public void unlockSpin() {
        Machine.window();
        KThread td = KThread.curthread();
        if (lockClass() != LockClass.SPIN_MUTEX) {
            throw Machine.panic("mtx_unlock_spin() of sleep mutex " + name());
        }
        if (owner() != td) {
            throw Machine.panic("mutex " + name() + " not owned");
        }
        if (recurse > 0) {
            recurse--;
        } else {
            word.set(null);
            Machine m = td.machine;
            if (this != m.schedLock && this != m.sleepq.chain && this != m.turnstileChain) {
                td.lastRelease = m.steps();
            }
        }
        Spinlock.exit();
    }

    /** {@code mtx_assert(m, MA_OWNED)}: checked by the checker. */
    @Assertion(what = LA_XLOCKED)
    public void assertOwned() {
        Machine.window();
    }

    /** {@code mtx_assert(m, MA_NOTOWNED)}: checked by the checker. */
    @Assertion(what = LA_UNLOCKED)
    public void assertNotOwned() {
        Machine.window();
    }

    /** @return whether the calling kernel thread owns it ({@code mtx_owned}) */
    public boolean owned() {
        return owner() == KThread.curthread();
    }

    /**
     * {@code _mtx_destroy}: the caller may still own it, unrecursed and uncontested; then it is
     * released as {@code mtx_unlock} would (for a spin mutex, {@code spinlock_exit}), and the checker,
     * told of the destroy, drops the hold as FreeBSD's {@code WITNESS_UNLOCK} there does. Any later
     * use panics. Destroying a mutex another thread owns panics after the checker saw the destroy;
     * one the caller owns recursed or with waiters panics before anything changes (FreeBSD's
     * {@code MPASS}es).
     */
    public void destroy() {
        KThread td = KThread.curthread();
        KThread o = owner();
        if (o == td && (recurse > 0 || word.get() instanceof Contested)) {
            throw Machine.panic("mtx_destroy: mutex " + name() + (recurse > 0 ? " recursed" : " contested"));
        }
        lockDestroy();
        if (o != null && o != td) {
            throw Machine.panic("mtx_destroy: mutex " + name() + " owned by " + o);
        }
        if (o == td) {
            word.set(null);
            if (lockClass() == LockClass.SPIN_MUTEX) {
                Spinlock.exit();
            }
        }
    }

    /** {@code lock_destroy}: the checker's {@code witness_destroy}; any later use panics. */
    @LockDestroy
    private void lockDestroy() {
        destroyed = true;
    }

    @NoWindows
    KThread ownerThread() {
        return owner();
    }

    @Override
    @NoWindows
    KThread exclusiveOwner() {
        return owner();
    }

    @Override
    @NoWindows
    long exclusiveSince() {
        return owner() == null ? -1 : ownedSince;
    }

    /** Notes when {@code td} took it, if it did. @return {@code took} */
    @NoWindows
    private boolean took(KThread td, boolean took) {
        if (took) {
            ownedSince = td.machine.steps();
        }
        return took;
    }

    @NoWindows
    boolean recursed() {
        return recurse > 0;
    }

    /** Hands a held spin mutex to the thread that will release it (the sched lock at a switch). */
    @NoWindows
    void handOff(KThread next) {
        word.set(next);
    }

    @Override
    int lcUnlock() {
        if (lockClass() == LockClass.SPIN_MUTEX) {
            throw Machine.panic("spin locks can only use msleep_spin");
        }
        if (recurse > 0) {
            throw Machine.panic("mutex " + name() + " recursed at sleep");
        }
        unlock();
        return 0;
    }

    @Override
    void lcLock(int state) {
        if (lockClass() == LockClass.SPIN_MUTEX) {
            lockSpin();
        } else {
            lock();
        }
    }

    @NoWindows
    private KThread owner() {
        Object w = word.get();
        if (w instanceof KThread t) {
            return t;
        }
        return w == null ? null : ((Contested) w).owner;
    }

    private void checkUsable(KThread td) {
        if (destroyed) {
            throw Machine.panic("lock of destroyed mutex " + name());
        }
        if (td.idle && lockClass() == LockClass.SLEEP_MUTEX) {
            throw Machine.panic("mtx_lock() by idle thread on sleep mutex " + name());
        }
    }

    private void recurseOn(KThread td, String where) {
        if ((flags() & LO_RECURSABLE) == 0) {
            throw Machine.panic(where + ": recursed on non-recursive mutex " + name());
        }
        recurse++;
    }

    /** {@code _mtx_lock_sleep}: mark the lock contested and block on its turnstile. */
    private void lockSleep(KThread td) {
        Mtx chain = td.machine.turnstileChain;
        for (;;) {
            if (took(td, word.compareAndSet(null, td))) {
                return;
            }
            chain.lockSpin();
            Object w = word.get();
            if (w == null || (w instanceof KThread o && !word.compareAndSet(o, o.contested))) {
                chain.unlockSpin();
                continue;
            }
            td.blockedOn = this;
            turnstile.await(td, Turnstile.EXCLUSIVE_QUEUE, "sleep mutex \"" + name() + "\" held by " + owner());
            td.blockedOn = null;
        }
    }

    /** {@code _mtx_unlock_sleep}: release and wake every waiter. */
    private void unlockSleep(KThread td) {
        Mtx chain = td.machine.turnstileChain;
        chain.lockSpin();
        word.set(null);
        turnstile.broadcast(Turnstile.EXCLUSIVE_QUEUE);
        chain.unlockSpin();
    }

    /**
     * {@code _mtx_lock_spin}. While spinning, the thread is marked blocked on this mutex, so that a
     * cycle of CPUs spinning on each other's spin mutexes ends the run HUNG with the cycle named
     * (DEADLOCK) as soon as it closes, not after the spin bound; FreeBSD would spin until
     * {@code _mtx_lock_spin_failed}.
     */
    private void lockSpinHard(KThread td) {
        long spins = 0;
        long limit = td.machine.spinLimit;
        LockObject outer = td.blockedOn;
        for (;;) {
            if (took(td, word.compareAndSet(null, td))) {
                td.waitingFor = "";
                td.blockedOn = outer;
                return;
            }
            Spinlock.exit();
            while (word.get() != null) {
                td.blockedOn = this;
                if (++spins > limit) {
                    throw Machine.panic("spin lock " + name() + " held by " + owner() + " too long");
                }
                spinWait(td);
                if (spinCycle(td)) {
                    td.machine.finish(RunResult.Status.HUNG, "spin mutexes held in a cycle: " + td.waitingFor, null);
                    throw MachineStop.INSTANCE;
                }
                Machine.cpuSpinwait();
            }
            td.blockedOn = outer;
            Spinlock.enter();
        }
    }

    /**
     * Whether the owner of this mutex spins, through a chain of spinning owners, on a spin mutex
     * {@code td} holds. Only spinners count: a thread marked blocked on a sleep lock may still hold
     * the turnstile or sleep queue chain on its way to switching out, which it will release.
     */
    @NoWindows
    private boolean spinCycle(KThread td) {
        KThread t = owner();
        for (int hops = 0; t != null && hops < 64; hops++) {
            if (t == td) {
                return true;
            }
            LockObject next = t.blockedOn;
            t = next != null && next.lockClass() == LockClass.SPIN_MUTEX ? next.exclusiveOwner() : null;
        }
        return false;
    }

    @SpinWait
    private void spinWait(KThread td) {
        td.waitingFor = "spin mutex \"" + name() + "\" held by " + owner();
    }
}
