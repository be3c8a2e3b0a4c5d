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
 * The lock manager ({@code struct lock}, {@code kern_lock.c}): a sleepable shared/exclusive lock
 * driven by {@link #lock(int)} with {@code LK_*} flags, in the classic BSD form that DragonFly still
 * had in 2005. The flag values are FreeBSD 9's.
 *
 * <p>Design: the state ({@code lk_flags}, {@code lk_sharecount}, {@code lk_waitcount},
 * {@code lk_exclusivecount}, {@code lk_lockholder}) is guarded by an {@link LkInterlock}. A request
 * that must wait counts itself in {@code lk_waitcount} and sleeps on the lock through the interlock,
 * which is released while asleep; every release, downgrade and upgrade hand-off with waiters wakes
 * them all, and each re-checks. Exclusive requests first claim {@code LK_WANT_EXCL}, which keeps new
 * shared requests out, then wait for the sharers; the first upgrade claims {@code LK_WANT_UPGRADE}
 * and waits for the other sharers, and a later one gives up its shared hold and requests an
 * exclusive one. The interlock is a spin mutex slept on with {@code msleep_spin}; DragonFly's token
 * interlock plugs in through the same interface.
 *
 * <p>Thread-safety: safe for use by kernel threads of one machine.
 */
@KernelCode
public final class LockMgr extends LockObject {

    /** {@code lockinit} and {@code lockmgr} flag: the exclusive holder may lock it again. */
    public static final int LK_CANRECURSE = 0x000001;
    /** {@code lockinit} flag: holding two of this name is not fine (lockmgr locks are DUPOK otherwise). */
    public static final int LK_NODUP = 0x000002;
    /** {@code lockinit} flag: the checker ignores it. */
    public static final int LK_NOWITNESS = 0x000010;
    /** {@code lockmgr} flag: fail with {@link #EBUSY} rather than sleep. */
    public static final int LK_NOWAIT = 0x000200;
    /** Mask of the operation in {@code lockmgr} flags. */
    public static final int LK_TYPE_MASK = 0xFF0000;
    /** Operation: turn the caller's exclusive hold into shared holds. */
    public static final int LK_DOWNGRADE = 0x010000;
    /** Operation: take an exclusive hold. */
    public static final int LK_EXCLUSIVE = 0x080000;
    /** Operation: release the caller's hold. */
    public static final int LK_RELEASE = 0x100000;
    /** Operation: take a shared hold. */
    public static final int LK_SHARED = 0x200000;
    /** Operation: turn the caller's shared hold into an exclusive one. */
    public static final int LK_UPGRADE = 0x400000;

    /** {@code EBUSY}: an {@link #LK_NOWAIT} request would have slept. */
    public static final int EBUSY = 16;
    /** {@code EDEADLK}: a shared request by the exclusive holder. */
    public static final int EDEADLK = 11;

    private static final int LK_HAVE_EXCL = 0x1;
    private static final int LK_WANT_EXCL = 0x2;
    private static final int LK_WANT_UPGRADE = 0x4;

    private final LkInterlock interlock;
    /** The {@code lockinit} flags that also apply to each request. */
    private final int initFlags;
    /** {@code lk_flags}: the state bits. */
    private int state;
    private int sharecount;
    private int waitcount;
    private int exclusivecount;
    private KThread lockholder;

    /**
     * {@code lockinit}, with a spin mutex interlock.
     *
     * @param name  the lock's name (its witness type and wait message)
     * @param flags 0, or {@link #LK_CANRECURSE}, {@link #LK_NODUP}, {@link #LK_NOWITNESS}
     */
    @LockInit
    public LockMgr(String name, int flags) {
        super(name, LockClass.LOCKMGR, loFlags(flags));
        this.initFlags = flags & LK_CANRECURSE;
        this.interlock = new LkInterlock.SpinMtx();
    }

    /** {@code lockinit} with another interlock (DragonFly's token). */
    @LockInit
    LockMgr(String name, int flags, LkInterlock interlock) {
        super(name, LockClass.LOCKMGR, loFlags(flags));
        this.initFlags = flags & LK_CANRECURSE;
        this.interlock = interlock;
    }

    /**
     * {@code lockinit} with an LWKT token as the interlock, as DragonFly had it before 2005 (seed 002).
     *
     * @param name  the lock's name
     * @param flags as for {@link #LockMgr(String, int)}
     * @param token the interlock token
     * @return the lock
     */
    public static LockMgr withTokenInterlock(String name, int flags, Token token) {
        return new LockMgr(name, flags, new LkInterlock.LwktToken(token));
    }

    private static int loFlags(int flags) {
        if ((flags & ~(LK_CANRECURSE | LK_NODUP | LK_NOWITNESS)) != 0) {
            throw new IllegalArgumentException("unknown lockinit flags 0x" + Integer.toHexString(flags));
        }
        int f = LO_SLEEPABLE | LO_UPGRADABLE;
        if ((flags & LK_CANRECURSE) != 0) {
            f |= LO_RECURSABLE;
        }
        if ((flags & LK_NODUP) == 0) {
            f |= LO_DUPOK;
        }
        if ((flags & LK_NOWITNESS) == 0) {
            f |= LO_WITNESS;
        }
        return f;
    }

    /**
     * {@code lockmgr}: one operation on the lock. {@link #LK_SHARED}, {@link #LK_EXCLUSIVE},
     * {@link #LK_UPGRADE} sleep until they succeed unless {@link #LK_NOWAIT} is given; a failed
     * upgrade leaves the caller with no hold at all.
     *
     * @param flags one operation, with {@link #LK_NOWAIT} and {@link #LK_CANRECURSE}
     * @return 0, {@link #EBUSY} when {@link #LK_NOWAIT} would have slept, or {@link #EDEADLK} for a
     *     shared request by the exclusive holder
     */
    public int lock(int flags) {
        Machine.window();
        KThread td = KThread.curthread();
        if (td.idle) {
            throw Machine.panic("lockmgr: idle thread " + td + " on lockmgr " + name());
        }
        int extflags = (flags | initFlags) & (LK_CANRECURSE | LK_NOWAIT);
        boolean nowait = (extflags & LK_NOWAIT) != 0;
        switch (flags & LK_TYPE_MASK) {
            case LK_SHARED:
                if (lockholder == td) {
                    return EDEADLK;
                }
                if (nowait) {
                    return trySharedLock() ? 0 : EBUSY;
                }
                sharedLock();
                return 0;
            case LK_EXCLUSIVE:
                if (nowait) {
                    return tryExclusiveLock(extflags) ? 0 : EBUSY;
                }
                exclusiveLock(extflags);
                return 0;
            case LK_UPGRADE:
                if (upgrade(nowait)) {
                    return 0;
                }
                sharedRelease();
                if (nowait) {
                    return EBUSY;
                }
                exclusiveLock(extflags);
                return 0;
            case LK_DOWNGRADE:
                downgrade();
                return 0;
            case LK_RELEASE:
                if (lockholder == td) {
                    exclusiveRelease();
                } else {
                    sharedRelease();
                }
                return 0;
            default:
                throw Machine.panic("lockmgr: unknown locktype request " + (flags & LK_TYPE_MASK));
        }
    }

    /**
     * {@code lockstatus}.
     *
     * @return {@link #LK_EXCLUSIVE} when held exclusive, {@link #LK_SHARED} when held shared, else 0
     */
    public int lockstatus() {
        interlock.lock();
        int status = exclusivecount != 0 ? LK_EXCLUSIVE : sharecount != 0 ? LK_SHARED : 0;
        interlock.unlock();
        return status;
    }

    /**
     * {@code lockmgr_assert}: checked by the checker.
     *
     * @param what {@code LA_*} flags ({@code KA_*} in FreeBSD)
     */
    @Assertion(whatArg = 0)
    public void assertLocked(int what) {
        Machine.window();
    }

    /** {@code lockdestroy}: it must be unlocked. */
    @LockDestroy
    public void destroy() {
        if (sharecount != 0 || exclusivecount != 0) {
            throw Machine.panic("lockmgr still held");
        }
    }

    @Override
    @NoWindows
    KThread exclusiveOwner() {
        return lockholder;
    }

    @Override
    int lcUnlock() {
        throw Machine.panic("lockmgr locks do not support sleep interlocking");
    }

    @Override
    void lcLock(int how) {
        throw Machine.panic("lockmgr locks do not support sleep interlocking");
    }

    /** {@code LK_SHARED}: wait for exclusive holds, exclusive requests and upgrades to clear. */
    @Acquire(shared = true)
    void sharedLock() {
        interlock.lock();
        acquire(LK_HAVE_EXCL | LK_WANT_EXCL | LK_WANT_UPGRADE, false);
        sharecount++;
        interlock.unlock();
    }

    /** {@code LK_SHARED | LK_NOWAIT}. */
    @TryAcquire(shared = true)
    boolean trySharedLock() {
        interlock.lock();
        boolean taken = (state & (LK_HAVE_EXCL | LK_WANT_EXCL | LK_WANT_UPGRADE)) == 0;
        if (taken) {
            sharecount++;
        }
        interlock.unlock();
        return taken;
    }

    /** {@code LK_EXCLUSIVE}: recurse, or claim {@code LK_WANT_EXCL} and wait for the sharers and upgrades. */
    @Acquire
    void exclusiveLock(int extflags) {
        KThread td = KThread.curthread();
        interlock.lock();
        if (lockholder == td) {
            recurse(extflags);
        } else {
            acquire(LK_HAVE_EXCL | LK_WANT_EXCL, false);
            state |= LK_WANT_EXCL;
            acquire(LK_WANT_UPGRADE, true);
            state &= ~LK_WANT_EXCL;
            own(td);
        }
        interlock.unlock();
    }

    /** {@code LK_EXCLUSIVE | LK_NOWAIT}. */
    @TryAcquire
    boolean tryExclusiveLock(int extflags) {
        KThread td = KThread.curthread();
        interlock.lock();
        boolean taken = true;
        if (lockholder == td) {
            recurse(extflags);
        } else if ((state & (LK_HAVE_EXCL | LK_WANT_EXCL | LK_WANT_UPGRADE)) != 0 || sharecount != 0) {
            taken = false;
        } else {
            own(td);
        }
        interlock.unlock();
        return taken;
    }

    /**
     * {@code LK_UPGRADE}, first part: the first upgrade claims {@code LK_WANT_UPGRADE} and waits for
     * the other sharers to leave; it fails, keeping the shared hold, when another upgrade is pending
     * or when {@code nowait} and others share the lock.
     */
    @Upgrade
    boolean upgrade(boolean nowait) {
        KThread td = KThread.curthread();
        interlock.lock();
        if (lockholder == td || sharecount <= 0) {
            throw Machine.panic("lockmgr: upgrade exclusive lock");
        }
        if ((state & LK_WANT_UPGRADE) != 0 || (nowait && sharecount > 1)) {
            interlock.unlock();
            return false;
        }
        sharecount--;
        state |= LK_WANT_UPGRADE;
        acquire(0, true);
        state &= ~LK_WANT_UPGRADE;
        own(td);
        interlock.unlock();
        return true;
    }

    /** {@code LK_DOWNGRADE}: every exclusive level becomes a shared hold. */
    @Downgrade
    void downgrade() {
        KThread td = KThread.curthread();
        interlock.lock();
        if (lockholder != td || exclusivecount == 0) {
            throw Machine.panic("lockmgr: not holding exclusive lock");
        }
        sharecount += exclusivecount;
        exclusivecount = 0;
        state &= ~LK_HAVE_EXCL;
        lockholder = null;
        wakeWaiters();
        interlock.unlock();
    }

    /** {@code LK_RELEASE} by the exclusive holder. */
    @Release
    void exclusiveRelease() {
        interlock.lock();
        if (--exclusivecount == 0) {
            state &= ~LK_HAVE_EXCL;
            lockholder = null;
        }
        wakeWaiters();
        interlock.unlock();
    }

    /** {@code LK_RELEASE} of a shared hold. */
    @Release(shared = true)
    void sharedRelease() {
        interlock.lock();
        if (exclusivecount != 0) {
            throw Machine.panic("lockmgr: " + KThread.curthread() + ", not exclusive lock holder " + lockholder
                    + " unlocking");
        }
        if (sharecount == 0) {
            throw Machine.panic("lockmgr: LK_RELEASE: no lock held");
        }
        sharecount--;
        wakeWaiters();
        interlock.unlock();
    }

    /** {@code ACQUIRE}: sleep while any of {@code stateBits} is set, or while {@code sharers} and the lock is shared. */
    private void acquire(int stateBits, boolean sharers) {
        KThread td = KThread.curthread();
        while ((state & stateBits) != 0 || (sharers && sharecount != 0)) {
            waitcount++;
            td.blockedOn = this;
            interlock.sleep(this, name());
            td.blockedOn = null;
            waitcount--;
        }
    }

    private void recurse(int extflags) {
        if ((extflags & LK_CANRECURSE) == 0) {
            throw Machine.panic("lockmgr: locking against myself");
        }
        exclusivecount++;
    }

    private void own(KThread td) {
        state |= LK_HAVE_EXCL;
        lockholder = td;
        exclusivecount = 1;
    }

    private void wakeWaiters() {
        if (waitcount != 0) {
            Synch.wakeup(this);
        }
    }
}
