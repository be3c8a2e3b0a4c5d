package org.lockwitness.agent.runtime.jlock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.lockwitness.witness.OpFlags;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The hooks that replace calls to a {@code StampedLock} in woven application classes. Public
 * because woven classes in any package call it; not an API for anyone else.
 *
 * <p>Design: a {@code StampedLock} is not reentrant and has no owner. A blocking read or write is
 * order-checked every time, so a second acquire by a thread that holds it, in any mode, is the
 * witness's {@code RECURSION} for the kind {@code JAVA_STAMPED}: read then write deadlocks the thread,
 * and so may a second read, queued behind a waiting writer. Try-acquires, timed or not, are held
 * but never checked. Optimistic reads are ignored. Holds are kept by stamp: releasing with another
 * thread's stamp is legal, so it is never {@code RELEASE_NOT_OWNED}, and the hold dropped is the
 * acquirer's, handed over to it through {@link StampHolds}. Before a blocking acquire, a hold the
 * lock says nobody has (released through a path the weaving cannot see) is forgotten, so it
 * cannot pass for a self-deadlock. A conversion is a release of the old mode and a try-acquire of
 * the new one.
 *
 * <p>Thread-safety: each hook acts for the calling thread.
 */
public final class JavaStamped {

    private static final Witness W = JavaLockRuntime.witness();

    private JavaStamped() {
    }

    /**
     * {@code StampedLock.writeLock()}.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     */
    public static long writeLock(StampedLock l, int site, int name) {
        check(l, site, name, false);
        long stamp;
        try {
            stamp = l.writeLock();
        } finally {
            JThread.get().waitDone();
        }
        return held(l, stamp, site, name, false, 0);
    }

    /**
     * {@code StampedLock.readLock()}.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     */
    public static long readLock(StampedLock l, int site, int name) {
        check(l, site, name, true);
        long stamp;
        try {
            stamp = l.readLock();
        } finally {
            JThread.get().waitDone();
        }
        return held(l, stamp, site, name, true, 0);
    }

    /**
     * {@code StampedLock.writeLockInterruptibly()}.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static long writeLockInterruptibly(StampedLock l, int site, int name) throws InterruptedException {
        check(l, site, name, false);
        long stamp;
        try {
            stamp = l.writeLockInterruptibly();
        } finally {
            JThread.get().waitDone();
        }
        return held(l, stamp, site, name, false, 0);
    }

    /**
     * {@code StampedLock.readLockInterruptibly()}.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static long readLockInterruptibly(StampedLock l, int site, int name) throws InterruptedException {
        check(l, site, name, true);
        long stamp;
        try {
            stamp = l.readLockInterruptibly();
        } finally {
            JThread.get().waitDone();
        }
        return held(l, stamp, site, name, true, 0);
    }

    /**
     * {@code StampedLock.tryWriteLock()}.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     */
    public static long tryWriteLock(StampedLock l, int site, int name) {
        return held(l, l.tryWriteLock(), site, name, false, OpFlags.TRY);
    }

    /**
     * {@code StampedLock.tryReadLock()}.
     *
     * @param l the receiver
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     */
    public static long tryReadLock(StampedLock l, int site, int name) {
        return held(l, l.tryReadLock(), site, name, true, OpFlags.TRY);
    }

    /**
     * {@code StampedLock.tryWriteLock(long, TimeUnit)}.
     *
     * @param l the receiver
     * @param time the timeout
     * @param unit its unit
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static long tryWriteLock(StampedLock l, long time, TimeUnit unit, int site, int name)
            throws InterruptedException {
        return held(l, l.tryWriteLock(time, unit), site, name, false, OpFlags.TRY);
    }

    /**
     * {@code StampedLock.tryReadLock(long, TimeUnit)}.
     *
     * @param l the receiver
     * @param time the timeout
     * @param unit its unit
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     * @throws InterruptedException as the original
     */
    public static long tryReadLock(StampedLock l, long time, TimeUnit unit, int site, int name)
            throws InterruptedException {
        return held(l, l.tryReadLock(time, unit), site, name, true, OpFlags.TRY);
    }

    /**
     * {@code StampedLock.unlockWrite(long)}.
     *
     * @param l the receiver
     * @param stamp the stamp
     * @param site the site id
     * @param name the site's name for the lock, or 0
     */
    public static void unlockWrite(StampedLock l, long stamp, int site, int name) {
        released(l, stamp, site);
        l.unlockWrite(stamp);
    }

    /**
     * {@code StampedLock.unlockRead(long)}.
     *
     * @param l the receiver
     * @param stamp the stamp
     * @param site the site id
     * @param name the site's name for the lock, or 0
     */
    public static void unlockRead(StampedLock l, long stamp, int site, int name) {
        released(l, stamp, site);
        l.unlockRead(stamp);
    }

    /**
     * {@code StampedLock.unlock(long)}.
     *
     * @param l the receiver
     * @param stamp the stamp
     * @param site the site id
     * @param name the site's name for the lock, or 0
     */
    public static void unlock(StampedLock l, long stamp, int site, int name) {
        released(l, stamp, site);
        l.unlock(stamp);
    }

    /**
     * {@code StampedLock.tryConvertToWriteLock(long)}.
     *
     * @param l the receiver
     * @param stamp the stamp
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     */
    public static long tryConvertToWriteLock(StampedLock l, long stamp, int site, int name) {
        long next = l.tryConvertToWriteLock(stamp);
        if (next != 0L && !StampedLock.isWriteLockStamp(stamp)) {
            if (StampedLock.isReadLockStamp(stamp)) {
                released(l, stamp, site);
            }
            held(l, next, site, name, false, OpFlags.TRY);
        }
        return next;
    }

    /**
     * {@code StampedLock.tryConvertToReadLock(long)}.
     *
     * @param l the receiver
     * @param stamp the stamp
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     */
    public static long tryConvertToReadLock(StampedLock l, long stamp, int site, int name) {
        long next = l.tryConvertToReadLock(stamp);
        if (next != 0L && !StampedLock.isReadLockStamp(stamp)) {
            if (StampedLock.isWriteLockStamp(stamp)) {
                released(l, stamp, site);
            }
            held(l, next, site, name, true, OpFlags.TRY);
        }
        return next;
    }

    /**
     * {@code StampedLock.tryConvertToOptimisticRead(long)}: a release of a read or write.
     *
     * @param l the receiver
     * @param stamp the stamp
     * @param site the site id
     * @param name the site's name for the lock, or 0
     * @return as the original
     */
    public static long tryConvertToOptimisticRead(StampedLock l, long stamp, int site, int name) {
        long next = l.tryConvertToOptimisticRead(stamp);
        if (next != 0L && (StampedLock.isReadLockStamp(stamp) || StampedLock.isWriteLockStamp(stamp))) {
            released(l, stamp, site);
        }
        return next;
    }

    private static void check(StampedLock l, int site, int name, boolean read) {
        JThread jt = JThread.get();
        if (jt.busy) {
            return;
        }
        jt.busy = true;
        try {
            WitnessThread t = jt.handle(W);
            long instance = JavaLocks.instance(l);
            dropStale(jt, t, l, instance);
            W.checkOrder(t, LockNames.juc(W, l, name, LockNames.STAMPED), instance, site,
                    read ? OpFlags.SHARED : 0, 0L);
            jt.waitFor(l, instance, name);
        } catch (Throwable e) {
            W.fault(e, "java stamped lock");
        } finally {
            jt.busy = false;
        }
    }

    /**
     * Before a hold of this thread is taken for a self-deadlock, the lock is asked: a hold in a
     * mode the lock says nobody holds was released where the instrumentation could not see it (a
     * {@code MethodHandle}, reflection), and is forgotten in silence.
     */
    private static void dropStale(JThread jt, WitnessThread t, StampedLock l, long instance) {
        for (int i = jt.depth() - 1; i >= 0; i--) {
            if (jt.instances[i] == instance) {
                boolean read = jt.kinds[i] == JavaLocks.READ;
                if (read ? !l.isReadLocked() : !l.isWriteLocked()) {
                    W.release(t, jt.ids[i], instance, 0, read ? OpFlags.SHARED : 0);
                    jt.removeAt(i);
                    jt.stamps.unpublish(instance, 0L, false);
                }
            }
        }
    }

    /** The lock is held when {@code stamp} is not 0; returns the stamp. */
    private static long held(StampedLock l, long stamp, int site, int name, boolean read, int flags) {
        if (stamp == 0L) {
            return stamp;
        }
        JThread jt = JThread.get();
        if (jt.busy) {
            return stamp;
        }
        jt.busy = true;
        try {
            int id = LockNames.juc(W, l, name, LockNames.STAMPED);
            long instance = JavaLocks.instance(l);
            JavaLocks.held(jt, jt.handle(W), l, instance, id, read ? JavaLocks.READ : JavaLocks.WRITE, site,
                    flags | (read ? OpFlags.SHARED : 0));
            jt.stamps.publish(instance, stamp);
        } catch (Throwable e) {
            W.fault(e, "java stamped lock held");
        } finally {
            jt.busy = false;
        }
        return stamp;
    }

    /**
     * A release with {@code stamp}: of this thread's own hold with that stamp; else of the hold
     * another thread published with it, which that thread then drops ({@link StampHolds}); else of
     * this thread's hold of the lock in the stamp's mode, if any; else nothing. Never
     * {@code RELEASE_NOT_OWNED}: a stamped lock has no owner.
     */
    private static void released(StampedLock l, long stamp, int site) {
        JThread jt = JThread.get();
        if (jt.busy) {
            return;
        }
        jt.busy = true;
        try {
            long instance = JavaLocks.instance(l);
            boolean read = StampedLock.isReadLockStamp(stamp);
            if (!jt.stamps.unpublish(instance, stamp, true)) {
                JThread owner = JThreads.claimStamp(jt, instance, stamp);
                if (owner != null) {
                    owner.stamps.post(instance, read);
                    return;
                }
                jt.stamps.unpublish(instance, stamp, false);
            }
            int i = jt.find(instance, read ? JavaLocks.READ : JavaLocks.WRITE);
            if (i < 0) {
                i = jt.indexOf(instance);
            }
            if (i >= 0) {
                W.release(jt.handle(W), jt.ids[i], instance, site, jt.kinds[i] == JavaLocks.READ ? OpFlags.SHARED : 0);
                jt.removeAt(i);
            }
        } catch (Throwable e) {
            W.fault(e, "java stamped unlock");
        } finally {
            jt.busy = false;
        }
    }
}
