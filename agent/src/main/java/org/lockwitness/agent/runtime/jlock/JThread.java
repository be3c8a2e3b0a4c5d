package org.lockwitness.agent.runtime.jlock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.lockwitness.witness.OpFlags;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * What the agent keeps per Java thread for its Java locks: the witness handle, the reentrancy
 * guard, the mirror of the locks it holds ({@link HeldMirror}, whose fields are this object's), the
 * lock it is blocked on, for the watchdog, and what its hooks remember between the calls around
 * one acquire or release: the lock checked before a {@code lock()} and the monitor named and
 * released last, so that the next hook need not hash or look up the same object again.
 *
 * <p>Design: everything here is written by its own thread only, with plain stores, except the
 * wait published for the watchdog. A reference is stored only when it differs from the one
 * already there (G1's post-write barrier, {@link HeldMirror}); the lock last checked or
 * waited for stays in its field until the thread holds nothing, then {@link #heldNothing} drops
 * it. Only this thread changes the mirror: a {@code StampedLock} hold that another thread released
 * reaches it through {@link StampHolds}' inbox, which {@link #get} empties first.
 *
 * <p>Thread-safety: confined to its thread while it runs; the watchdog reads the published wait
 * and the mirror's arrays of a waiting thread, and the sweeper reads it once the thread has ended.
 */
final class JThread extends HeldMirror {

    private static final ThreadLocal<JThread> CURRENT = ThreadLocal.withInitial(JThread::new);
    private static final VarHandle WAIT_INSTANCE;

    static {
        try {
            WAIT_INSTANCE = MethodHandles.lookup().findVarHandle(JThread.class, "waitInstance", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread = Thread.currentThread();
    boolean busy;
    /**
     * The lock this thread is blocked on, for the deadlock watchdog: its instance (0: none), the
     * object and the site's name id. Written by the thread before a blocking acquire and cleared
     * after it; the instance last, with release semantics, so that a watchdog that reads it
     * non-zero (a volatile read) sees the rest and the mirror as they were then. A release store is
     * a plain store on x86 where a volatile one is a full fence, and the watchdog needs no more: it
     * reports only a cycle that two scans in a row saw.
     */
    volatile long waitInstance;
    Object waitObject;
    int waitName;
    private WitnessThread handle;
    /**
     * The {@code java.util.concurrent} lock last checked before a blocking acquire, with its
     * instance and id (an instance of 0 marks it used), and the monitor last released with its
     * instance: so that a {@code synchronized} method's entry need not hash an object that is
     * already locked, which under JDK 17's stack locking is a call into the VM on every acquire.
     * The released one keeps one object per thread reachable until the thread's next release of
     * another monitor.
     */
    private Object acquiringLock;
    private long acquiringInstance;
    private int acquiringId;
    private Object lastObject;
    private long lastInstance;
    /**
     * The monitor {@link JavaMonitors} last named, the site's name it was named with and the id
     * it got (0: none): a loop that locks one object again names it without looking its class up
     * in {@link LockNames}' {@code ClassValue}, which a profile of the {@code synchronized} field
     * pair put at about a seventh of the pair. An object's id is a function of the object and the
     * site's name, so the memo never goes stale. Like the last released monitor, it keeps one
     * object per thread reachable until the thread names another.
     */
    private Object namedObject;
    private int namedName;
    private int namedId;

    private JThread() {
    }

    /**
     * This thread's {@code StampedLock} holds, published for a thread that releases one with its
     * stamp, and its inbox of holds so released.
     */
    final StampHolds stamps = new StampHolds();

    /**
     * The calling thread's state, from its slot in {@link ThreadSlots} or else its
     * {@code ThreadLocal}, with the stamped holds other threads released dropped first.
     */
    static JThread get() {
        Thread current = Thread.currentThread();
        JThread jt = ThreadSlots.lookup(current);
        if (jt == null) {
            jt = CURRENT.get();
            ThreadSlots.offer(jt);
        }
        if (jt.stamps.pending && !jt.busy) {
            jt.dropReleased(JavaLockRuntime.witness());
        }
        return jt;
    }

    /**
     * The calling thread's state: the one an earlier hook of the same call of a woven method
     * returned (a frame runs on one thread from entry to return, so that is the caller's), or else
     * {@link #get}. A hook so passed its state skips the drain of released stamped holds, which the
     * method's first hook did and the next {@link #get} does.
     */
    static JThread of(Object state) {
        return state instanceof JThread jt ? jt : get();
    }

    /**
     * Drops the {@code StampedLock} holds other threads released with this thread's stamps, from
     * the mirror and, under this thread's own handle, from the witness. Called by this thread, or
     * by the sweeper once the thread has ended. Never throws.
     */
    void dropReleased(Witness w) {
        WitnessThread t = handle;
        busy = true;
        try {
            stamps.drain((instance, read) -> {
                int i = find(instance, read ? JavaLocks.READ : JavaLocks.WRITE);
                if (i >= 0) {
                    if (t != null) {
                        w.release(t, ids[i], instance, 0, read ? OpFlags.SHARED : 0);
                    }
                    removeAt(i);
                }
            });
        } catch (Throwable e) {
            w.fault(e, "java stamped release by another thread");
        } finally {
            busy = false;
        }
    }

    /** The thread's witness handle, made and registered with the sweeper on first use. */
    WitnessThread handle(Witness w) {
        WitnessThread t = handle;
        if (t == null) {
            t = w.javaThread(thread.getId(), name(thread));
            handle = t;
            JThreads.register(this);
        }
        return t;
    }

    /**
     * The name reports show: the thread's, or {@code #id} for a thread without one (a virtual
     * thread's default), as the JDK's thread dumps show such a thread.
     */
    static String name(Thread thread) {
        String name = thread.getName();
        return name.isEmpty() ? "#" + thread.getId() : name;
    }

    WitnessThread existingHandle() {
        return handle;
    }

    void waitFor(Object lock, long instance, int name) {
        settle();
        if (waitObject != lock) {
            waitObject = lock;
        }
        waitName = name;
        WAIT_INSTANCE.setRelease(this, instance);
    }

    /** Publishes the wait for the lock {@link #acquiring} kept, before blocking on it. */
    void waitForAcquiring(int name) {
        waitFor(acquiringLock, acquiringInstance, name);
    }

    void waitDone() {
        if ((long) WAIT_INSTANCE.getOpaque(this) != 0L) {
            WAIT_INSTANCE.setRelease(this, 0L);
            if (holdsNothing()) {
                waitObject = null;
            }
        }
    }

    /** The {@code java.util.concurrent} lock {@link JavaLocks} checked, with its instance and id, until it is held. */
    void acquiring(Object lock, long instance, int id) {
        if (acquiringLock != lock) {
            acquiringLock = lock;
        }
        acquiringInstance = instance;
        acquiringId = id;
    }

    /** The instance {@link #acquiring} kept for {@code lock}, forgotten now; 0 if it kept none. */
    long acquiringInstance(Object lock) {
        long instance = acquiringInstance;
        if (lock != acquiringLock || instance == 0L) {
            return 0L;
        }
        acquiringInstance = 0L;
        return instance;
    }

    /** The id {@link #acquiring} kept with the instance {@link #acquiringInstance} just returned. */
    int acquiringId() {
        return acquiringId;
    }

    /**
     * The instance of a monitor this thread has just locked: the last released's, or a held
     * entry's (a re-entry); else its identity hash. All of these are the same function of the
     * object, so the first found is the answer, and the last released is asked before the held
     * entries: a loop that takes one monitor again under many others then scans none of them.
     */
    long lockedInstance(Object monitor) {
        if (monitor == lastObject) {
            return lastInstance;
        }
        int i = indexOf(monitor);
        return i >= 0 ? instances[i] : JavaLocks.instance(monitor);
    }

    /** The id {@link #named} kept for {@code monitor} named with {@code name}, or 0. */
    int namedId(Object monitor, int name) {
        return monitor == namedObject && name == namedName ? namedId : 0;
    }

    /** Keeps the id {@code monitor} got, named with {@code name}, for {@link #namedId}. */
    void named(Object monitor, int name, int id) {
        if (namedObject != monitor) {
            namedObject = monitor;
        }
        namedName = name;
        namedId = id;
    }

    void released(Object monitor, long instance) {
        if (lastObject != monitor) {
            lastObject = monitor;
        }
        lastInstance = instance;
    }

    /**
     * Drops the lock this thread last checked or waited for (unless the wait is still
     * published); the monitor last released and the one named last stay, for
     * {@link #lockedInstance} and {@link #namedId}.
     */
    @Override
    void heldNothing() {
        acquiringLock = null;
        if ((long) WAIT_INSTANCE.getOpaque(this) == 0L) {
            waitObject = null;
        }
    }

}
