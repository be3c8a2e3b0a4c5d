package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.Sleep;

/**
 * Sleeping and waking ({@code kern_synch.c}): {@code tsleep}, {@code msleep}, {@code msleep_spin},
 * {@code pause}, {@code wakeup}, {@code wakeup_one}. A sleep drops Giant and picks it up again
 * ({@code DROP_GIANT}/{@code PICKUP_GIANT}); {@code msleep} drops its interlock after the thread is
 * on the sleep queue and takes it back after waking.
 *
 * <p>As in DragonFly, and unlike FreeBSD 9, a sleep without a lock and without a timeout is allowed.
 *
 * <p>Thread-safety: acts on the calling kernel thread.
 */
@KernelCode
public final class Synch {

    /** {@code PCATCH}: accepted; there are no signals in the model. */
    public static final int PCATCH = 0x100;
    /** {@code PDROP}: do not take the interlock back. */
    public static final int PDROP = 0x200;
    /** {@code PINTERLOCKED}: the thread already queued itself with {@link #tsleepInterlock}. */
    public static final int PINTERLOCKED = 0x400;
    /** {@code EWOULDBLOCK}: the sleep timed out. */
    public static final int EWOULDBLOCK = 35;

    private static final Object PAUSE_WCHAN = new Object();

    private Synch() {
    }

    /**
     * {@code tsleep}.
     *
     * @param ident the wait channel
     * @param flags {@link #PCATCH} or 0
     * @param wmesg the wait message
     * @param timo  a timeout in ticks, or 0 for none
     * @return 0 when woken, {@link #EWOULDBLOCK} on timeout
     */
    @Sleep(wmesg = 2)
    public static int tsleep(Object ident, int flags, String wmesg, int timo) {
        return sleep(ident, null, flags, wmesg, timo);
    }

    /**
     * {@code msleep}: sleeps, dropping {@code lock} (held by the caller) once on the sleep queue.
     *
     * @param ident the wait channel
     * @param lock  the interlock, a sleep lock held by the caller
     * @param flags {@link #PCATCH}, {@link #PDROP} or 0
     * @param wmesg the wait message
     * @param timo  a timeout in ticks, or 0
     * @return 0 when woken, {@link #EWOULDBLOCK} on timeout
     */
    @Sleep(interlock = 1, wmesg = 3)
    public static int msleep(Object ident, LockObject lock, int flags, String wmesg, int timo) {
        if (lock == null) {
            throw new IllegalArgumentException("msleep needs an interlock; use tsleep");
        }
        return sleep(ident, lock, flags, wmesg, timo);
    }

    /**
     * {@code msleep_spin}: sleeps, dropping the spin mutex {@code mtx} once on the sleep queue.
     *
     * @param ident the wait channel
     * @param mtx   a spin mutex held once by the caller
     * @param wmesg the wait message
     * @param timo  a timeout in ticks, or 0
     * @return 0 when woken, {@link #EWOULDBLOCK} on timeout
     */
    @Sleep(interlock = 1, wmesg = 2)
    public static int msleepSpin(Object ident, Mtx mtx, String wmesg, int timo) {
        Machine.window();
        KThread td = KThread.curthread();
        Sleepq sq = td.machine.sleepq;
        sq.lock();
        int giant = dropGiant(td);
        mtx.unlockSpin();
        sq.add(td, ident, wmesg);
        if (timo > 0) {
            sq.setTimeout(td, timo);
        }
        int rv = sq.await(td);
        pickupGiant(td, giant);
        mtx.lockSpin();
        return rv;
    }

    /**
     * {@code pause}: sleeps for {@code timo} ticks.
     *
     * @param wmesg the wait message
     * @param timo  ticks, at least 1
     * @return {@link #EWOULDBLOCK}
     */
    @Sleep(wmesg = 0)
    public static int pause(String wmesg, int timo) {
        return sleep(PAUSE_WCHAN, null, 0, wmesg, Math.max(1, timo));
    }

    /**
     * {@code tsleep_interlock}: queues the calling thread on {@code ident} without sleeping, so that
     * a wakeup before the following {@code tsleep(ident, PINTERLOCKED, ...)} is not lost: that sleep
     * then returns at once.
     *
     * @param ident the wait channel
     */
    public static void tsleepInterlock(Object ident) {
        Machine.window();
        KThread td = KThread.curthread();
        if (ident == null) {
            throw Machine.panic("tsleep_interlock: NULL ident");
        }
        Sleepq sq = td.machine.sleepq;
        sq.lock();
        if (td.wchan != null) {
            sq.remove(td);
        }
        sq.add(td, ident, "tsleep_interlock");
        sq.release();
    }

    /** Takes the calling thread off the queue {@link #tsleepInterlock} put it on, if still there. */
    static void cancelInterlock() {
        KThread td = KThread.curthread();
        Sleepq sq = td.machine.sleepq;
        sq.lock();
        if (td.wchan != null) {
            sq.remove(td);
        }
        sq.release();
    }

    /**
     * {@code wakeup}: makes every thread asleep on {@code ident} runnable.
     *
     * @param ident the wait channel
     */
    public static void wakeup(Object ident) {
        Machine.window();
        KThread td = KThread.curthread();
        Sleepq sq = td.machine.sleepq;
        sq.lock();
        if (sq.broadcast(ident) == 0) {
            td.machine.lostWakeups.record(ident, td);
        }
        sq.release();
    }

    /**
     * {@code wakeup_one}: makes the most urgent thread asleep on {@code ident} runnable.
     *
     * @param ident the wait channel
     */
    public static void wakeupOne(Object ident) {
        Machine.window();
        KThread td = KThread.curthread();
        Sleepq sq = td.machine.sleepq;
        sq.lock();
        if (!sq.signal(ident)) {
            td.machine.lostWakeups.record(ident, td);
        }
        sq.release();
    }

    /** {@code _sleep}. */
    static int sleep(Object ident, LockObject lock, int flags, String wmesg, int timo) {
        Machine.window();
        KThread td = KThread.curthread();
        if (ident == null) {
            throw Machine.panic("_sleep: NULL ident");
        }
        if (td.idle) {
            throw Machine.panic("_sleep: idle thread");
        }
        Machine m = td.machine;
        boolean giantLock = lock == m.giant;
        if ((flags & PDROP) != 0 && (lock == null || giantLock)) {
            throw Machine.panic("PDROP requires a non-Giant lock");
        }
        boolean interlocked = (flags & PINTERLOCKED) != 0;
        boolean bare = lock == null && timo == 0 && !interlocked;
        Sleepq sq = m.sleepq;
        sq.lock();
        LostWakeups.Lost lost = m.lostWakeups.since(ident, checkedSince(td, lock, timo, interlocked, giantLock));
        if (interlocked && td.wchan == null) {
            sq.release();
            return 0;
        }
        int giant = dropGiant(td);
        int lockState = 0;
        boolean sleepableLock = lock != null && lock.sleepable();
        if (lock != null && !giantLock && !sleepableLock) {
            lockState = lock.lcUnlock();
        }
        if (!interlocked) {
            sq.add(td, ident, wmesg);
        } else if (td.wchan != ident) {
            throw Machine.panic("tsleep: PINTERLOCKED on another ident than tsleep_interlock's");
        } else {
            td.waitingFor = "\"" + wmesg + "\"";
        }
        if (timo > 0) {
            sq.setTimeout(td, timo);
        }
        if (sleepableLock) {
            sq.release();
            lockState = lock.lcUnlock();
            sq.lock();
        }
        td.foreverSleep = lost != null;
        td.lostWakeup = lost;
        int rv = sq.await(td);
        pickupGiant(td, giant);
        if (lock != null && !giantLock && (flags & PDROP) == 0) {
            lock.lcLock(lockState);
        }
        return rv;
    }

    /**
     * Where the sleeper's last check began, for a sleep that never times out: its last lock release
     * without an interlock, the taking of an interlock it holds exclusively (not Giant); else -1.
     * Without windows, so that it adds no scheduling point to a sleep.
     */
    @NoWindows
    private static long checkedSince(KThread td, LockObject lock, int timo, boolean interlocked, boolean giantLock) {
        if (timo != 0 || interlocked) {
            return -1;
        }
        if (lock == null) {
            return td.lastRelease;
        }
        return !giantLock && lock.exclusiveOwner() == td ? lock.exclusiveSince() : -1;
    }

    static int dropGiant(KThread td) {
        Mtx giant = td.machine.giant;
        int n = 0;
        while (giant.ownerThread() == td) {
            giant.unlock();
            n++;
        }
        return n;
    }

    static void pickupGiant(KThread td, int n) {
        Mtx giant = td.machine.giant;
        for (int i = 0; i < n; i++) {
            giant.lock();
        }
    }
}
