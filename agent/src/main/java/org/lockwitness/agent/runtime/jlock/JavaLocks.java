package org.lockwitness.agent.runtime.jlock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lockwitness.witness.OpFlags;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The hooks that woven application classes call for their {@code java.util.concurrent} locks
 * ({@link JavaMonitors} has those of {@code synchronized}). Public because woven classes in any
 * package call it; not an API for anyone else.
 *
 * <p>Design: a call to a {@code java.util.concurrent} lock method is
 * replaced by the static method of the same name here, which takes the receiver first and the
 * site's constants last, reports, and makes the original call: the order check before a blocking
 * acquire, the hold after it (a free, plain {@code ReentrantLock} is taken first and then checked
 * and held in one pass, since that acquire could not block); a try-lock, timed or not, is held but
 * never order-checked, so it closes no cycle. A release is checked against the lock itself first: an {@code unlock} by a
 * thread that does not hold a {@code ReentrantLock}, write lock or read lock is
 * {@code RELEASE_NOT_OWNED} (the JDK then throws), and one of a lock held through an acquire the
 * instrumentation did not see is passed over in silence. A lock's instance is its identity hash
 * tagged above bit 32 (a read or write lock's: its {@code ReentrantReadWriteLock}'s, through
 * {@link RwLocks}), and its class comes from {@link LockNames}; neither allocates once a class or
 * name has been seen.
 *
 * <p>A {@code ReentrantReadWriteLock} follows the JDK: a write while this thread reads the same
 * lock (the lock confirms it) is order-checked as the read's lock, which the witness reports as a
 * self-deadlock ({@code RECURSION}); a read under this thread's own write (a downgrade) is one more
 * level of the write's hold ({@link #DOWNGRADED}) until the last write is released, and then a
 * shared hold; a second read of a lock the thread reads is not order-checked.
 * Whatever the checker throws is recorded as a {@code CHECKER_FAULT}; nothing reaches the host
 * but the host's own exceptions from the original call.
 *
 * <p>Thread-safety: each hook acts for the calling thread, on its {@link JThread}; the witness is
 * thread-safe.
 */
public final class JavaLocks {

    static final byte MONITOR = 0;
    static final byte LOCK = 1;
    static final byte READ = 2;
    static final byte WRITE = 3;
    /**
     * A read of a {@code ReentrantReadWriteLock} taken under this thread's own write of it: for the
     * witness one more level of the write's hold, until the write is released.
     */
    static final byte DOWNGRADED = 4;
    private static final byte NONE = -1;

    private static final Witness W = JavaLockRuntime.witness();

    private JavaLocks() {
    }

    /**
     * {@code Lock.lock()}.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @param thread the calling thread's state, as a hook of the same call of the woven method
     *     returned it, or null
     * @return the calling thread's state, for the method's next hook
     */
    public static Object lock(Lock l, int site, int name, Object thread) {
        byte kind = kindOf(l);
        if (kind == NONE) {
            l.lock();
            return thread;
        }
        JThread jt = JThread.of(thread);
        if (kind == LOCK && barged(jt, (ReentrantLock) l, site, name)) {
            return jt;
        }
        boolean checked = before(jt, l, kind, site, name);
        if (!checked) {
            l.lock();
        } else if (!barge(l, kind)) {
            jt.waitForAcquiring(name);
            try {
                l.lock();
            } finally {
                jt.waitDone();
            }
        }
        after(jt, l, kind, site, name, 0, checked);
        return jt;
    }

    /**
     * {@code Lock.lockInterruptibly()}.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @throws InterruptedException as the original
     */
    public static void lockInterruptibly(Lock l, int site, int name) throws InterruptedException {
        byte kind = kindOf(l);
        if (kind == NONE) {
            l.lockInterruptibly();
            return;
        }
        JThread jt = JThread.get();
        boolean checked = before(jt, l, kind, site, name);
        if (checked) {
            jt.waitForAcquiring(name);
        }
        try {
            l.lockInterruptibly();
        } finally {
            jt.waitDone();
        }
        after(jt, l, kind, site, name, 0, checked);
    }

    /**
     * {@code Lock.tryLock()}: held when it succeeds, never order-checked.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     */
    public static boolean tryLock(Lock l, int site, int name) {
        boolean got = l.tryLock();
        if (got) {
            byte kind = kindOf(l);
            if (kind != NONE) {
                after(JThread.get(), l, kind, site, name, OpFlags.TRY, false);
            }
        }
        return got;
    }

    /**
     * {@code Lock.tryLock(long, TimeUnit)}: a try-lock too, since it gives up.
     *
     * @param l the receiver
     * @param time the timeout
     * @param unit its unit
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static boolean tryLock(Lock l, long time, TimeUnit unit, int site, int name) throws InterruptedException {
        boolean got = l.tryLock(time, unit);
        if (got) {
            byte kind = kindOf(l);
            if (kind != NONE) {
                after(JThread.get(), l, kind, site, name, OpFlags.TRY, false);
            }
        }
        return got;
    }

    /**
     * {@code Lock.unlock()}: checked against the lock's own owner before the release.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @param thread the calling thread's state, as a hook of the same call of the woven method
     *     returned it, or null
     */
    public static void unlock(Lock l, int site, int name, Object thread) {
        byte kind = kindOf(l);
        if (kind != NONE) {
            release(l, kind, site, name, thread);
        }
        l.unlock();
    }

    /** The instance of a lock object: its identity hash, tagged so that it is never 0. */
    static long instance(Object o) {
        return 0x1_0000_0000L | (System.identityHashCode(o) & 0xFFFF_FFFFL);
    }

    private static byte kindOf(Lock l) {
        if (l instanceof ReentrantLock) {
            return LOCK;
        }
        if (l instanceof ReentrantReadWriteLock.ReadLock) {
            return READ;
        }
        return l instanceof ReentrantReadWriteLock.WriteLock ? WRITE : NONE;
    }

    /** The lock's own word on whether the calling thread holds it; true when it cannot say. */
    private static boolean ownedByCaller(Lock l, byte kind) {
        if (kind == LOCK) {
            return ((ReentrantLock) l).isHeldByCurrentThread();
        }
        if (kind == READ) {
            return RwLocks.readHolds(RwLocks.identity(l, true)) != 0;
        }
        return kind != WRITE || ((ReentrantReadWriteLock.WriteLock) l).isHeldByCurrentThread();
    }

    /**
     * The instance of a {@code java.util.concurrent} lock: a read or write lock's is the state it
     * shares with its other half ({@link RwLocks}), so that both are one lock for the witness.
     */
    private static long instance(Lock l, byte kind) {
        return kind == READ || kind == WRITE ? instance(RwLocks.identity(l, kind == READ)) : instance(l);
    }

    /**
     * The order check of a blocking acquire of a lock the witness checks. Keeps the lock's instance
     * and id in {@code jt} for {@link #after} and the watchdog's wait. Returns whether the acquire
     * was checked, and so may block on a wait the watchdog should see (false for a re-entry, a
     * second read of the same lock, or while the thread is busy in the checker).
     */
    private static boolean before(JThread jt, Lock l, byte kind, int site, int name) {
        if ((kind != READ && ownedByCaller(l, kind)) || jt.busy) {
            return false;
        }
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            long instance = instance(l, kind);
            int id = LockNames.juc(W, l, name, kind == LOCK ? LockNames.LOCK : LockNames.RW);
            jt.acquiring(l, instance, id);
            int read = kind == WRITE ? RwHolds.readHeld(jt, t, l, instance) : -1;
            if (kind != READ || !W.holds(t, instance)) {
                int checked = read >= 0 ? jt.ids[read] : id;
                int flags = kind == READ ? OpFlags.SHARED : 0;
                if (!W.orderKnown(t, checked, site, flags, 0L)) {
                    W.checkOrder(t, checked, instance, site, flags, 0L);
                }
                return true;
            }
        } catch (Throwable e) {
            W.fault(e, "java lock");
        } finally {
            jt.busy = false;
        }
        return false;
    }

    /**
     * The common case of {@code lock()}: a plain, non-fair {@code ReentrantLock} that this thread
     * does not hold and that is free is taken at once, as its own {@code lock()} would first try,
     * and then order-checked and held in one pass of the checker. An acquire that cannot have
     * blocked needs its order checked before it is held, not before it is taken: the check reads
     * only this thread's held locks, which taking the lock did not change, and there was no wait
     * for the watchdog to see. Returns false, having changed nothing, for anything else (a subclass,
     * a fair lock, a re-entry, a lock another thread holds, a thread busy in the checker), which
     * {@link #lock} then takes the long way.
     */
    private static boolean barged(JThread jt, ReentrantLock l, int site, int name) {
        if (jt.busy || l.getClass() != ReentrantLock.class || l.isFair() || l.isHeldByCurrentThread()
                || !l.tryLock()) {
            return false;
        }
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            long instance = instance(l);
            int id = LockNames.juc(W, l, name, LockNames.LOCK);
            if (!W.acquiredIfKnown(t, id, instance, site)) {
                W.checkOrder(t, id, instance, site, 0, 0L);
                W.acquired(t, id, instance, site, 0);
            }
            jt.push(l, instance, id, LOCK);
        } catch (Throwable e) {
            W.fault(e, "java lock");
        } finally {
            jt.busy = false;
        }
        return true;
    }

    /**
     * Takes a plain, non-fair {@code ReentrantLock} without queueing when it is free, as its
     * {@code lock()} would first try, so that an uncontended acquire publishes no wait. Only for the
     * JDK's own class, whose {@code lock()} and {@code tryLock()} barge alike; a subclass may
     * override either. Returns true when the lock is now held.
     */
    private static boolean barge(Lock l, byte kind) {
        return kind == LOCK && l.getClass() == ReentrantLock.class && !((ReentrantLock) l).isFair() && l.tryLock();
    }

    /**
     * The lock is held: pushed, or one more level of a hold. {@code checked}: {@link #before} just
     * kept its instance and id.
     */
    private static void after(JThread jt, Lock l, byte kind, int site, int name, int flags, boolean checked) {
        if (jt.busy) {
            return;
        }
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            long instance = checked ? jt.acquiringInstance(l) : 0L;
            int id;
            if (instance != 0L) {
                id = jt.acquiringId();
            } else {
                instance = instance(l, kind);
                id = LockNames.juc(W, l, name, kind == LOCK ? LockNames.LOCK : LockNames.RW);
            }
            int write = kind == READ ? jt.find(instance, WRITE) : -1;
            if (write >= 0) {
                held(jt, t, l, instance, jt.ids[write], DOWNGRADED, site, flags);
            } else {
                held(jt, t, l, instance, id, kind, site, flags | (kind == READ ? OpFlags.SHARED : 0));
            }
        } catch (Throwable e) {
            W.fault(e, "java lock held");
        } finally {
            jt.busy = false;
        }
    }

    /**
     * The release of a lock the checker watches. Small enough to be inlined where it is hot, into
     * {@link #unlock} and from there into the woven caller: the release of the {@code ReentrantLock}
     * taken last goes to {@link #releaseTop}, anything else to {@link #releaseEntry}.
     */
    private static void release(Lock l, byte kind, int site, int name, Object thread) {
        JThread jt = JThread.of(thread);
        if (jt.busy) {
            return;
        }
        if (kind == LOCK && jt.isTop(l, LOCK)) {
            releaseTop(jt, site);
        } else {
            releaseEntry(jt, l, kind, site, name);
        }
    }

    /** The release of the {@code ReentrantLock} this thread took last, still its newest hold. */
    private static void releaseTop(JThread jt, int site) {
        jt.busy = true;
        try {
            W.release(jt.handle(W), jt.topId(), jt.topInstance(), site, 0);
            jt.dropTop();
        } catch (Throwable e) {
            W.fault(e, "java unlock");
        } finally {
            jt.busy = false;
        }
    }

    /** The release of any other hold: found in the mirror, or checked against the lock's own owner. */
    private static void releaseEntry(JThread jt, Lock l, byte kind, int site, int name) {
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            int mine = kind == LOCK ? jt.indexOf(l) : -1;
            long instance = mine >= 0 ? jt.instances[mine] : instance(l, kind);
            int i = mine >= 0 ? mine : kind == READ ? RwHolds.readEntry(jt, instance)
                    : kind == WRITE ? jt.find(instance, WRITE) : jt.indexOf(instance);
            if (i >= 0) {
                W.release(t, jt.ids[i], instance, site, jt.kinds[i] == READ ? OpFlags.SHARED : 0);
                jt.removeAt(i);
                if (kind == WRITE && jt.find(instance, WRITE) < 0) {
                    RwHolds.downgraded(jt, t, instance, site);
                }
            } else if (!ownedByCaller(l, kind)) {
                int id = LockNames.juc(W, l, name, kind == LOCK ? LockNames.LOCK : LockNames.RW);
                W.release(t, id, instance, site, kind == READ ? OpFlags.SHARED : 0);
            }
        } catch (Throwable e) {
            W.fault(e, "java unlock");
        } finally {
            jt.busy = false;
        }
    }

    static void held(JThread jt, WitnessThread t, Object lock, long instance, int id, byte kind, int site, int flags) {
        W.acquired(t, id, instance, site, flags);
        jt.push(lock, instance, id, kind);
    }

}
