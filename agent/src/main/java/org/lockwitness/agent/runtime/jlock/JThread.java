// Over 400 lines: the mirror's arrays, its newest hold and the monitor hooks' remembered objects all
// live and die with one thread's confinement, and forgetReleased drops them together when the thread
// holds nothing; split apart, the two halves would have to change together.
package org.lockwitness.agent.runtime.jlock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.lockwitness.witness.OpFlags;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * What the agent keeps per Java thread for its Java locks: the witness handle, the reentrancy
 * guard, and a mirror of the locks it holds (the objects, their instances and ids), which the
 * witness cannot keep because it sees only numbers. The mirror lets {@code Condition.await} find
 * the lock it releases and lets the sweeper ask each lock of an ended thread whether it is still
 * held.
 *
 * <p>Design: parallel arrays grown geometrically, the newest entry last; a recursive hold is one
 * more entry. Pushing and popping allocate nothing in steady state. The newest hold stays in four
 * fields of its own until another lock operation of the thread needs the arrays, and the release
 * of the lock taken last (the innermost, which most releases are) only clears it there: so the
 * common acquire and release touch no array at all, which took about 4.5 ns off a
 * {@code ReentrantLock} or {@code synchronized} pair of about 40 (side by side, fastest
 * iterations). Every method that reads the arrays first moves that hold into them
 * ({@link #settle}); a thread that waits has done so, so the watchdog, which reads other threads'
 * arrays without their cooperation, sees all a waiting thread holds. A reference is stored only
 * when it differs from the one already there: under G1 a store of a reference from one region
 * into an old object of another runs the post-write barrier, a full fence before its card check,
 * and a loop that takes the same locks again would pay it on every acquire. So a released lock
 * stays in its slot above the mirror's depth, and the lock last checked, entered or waited for
 * stays in its field, until the thread holds nothing; then {@link #removeAt} drops them all (a
 * null store needs no card mark). Only this thread changes the mirror: a {@code StampedLock} hold
 * that another thread released reaches it through {@link StampHolds}' inbox, which {@link #get}
 * empties first.
 *
 * <p>Thread-safety: confined to its thread while it runs; the sweeper reads it only once the
 * thread has ended.
 */
final class JThread {

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
     * The monitor {@link JavaMonitors#monitorEnter} last named, with its instance and id, and the
     * monitor last released with its instance: so that {@code monitorEntered} and a
     * {@code synchronized} method's entry need not hash an object that is already locked, which
     * under JDK 17's stack locking is a call into the VM on every acquire. An instance of 0 marks
     * the checked or entered lock as used. The released one keeps one object per thread reachable
     * until the thread's next release of another monitor.
     */
    private Object acquiringLock;
    private long acquiringInstance;
    private int acquiringId;
    private Object enterObject;
    private long enterInstance;
    private int enterId;
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

    /** The entries in the arrays; the newest hold may be in {@link #topInstance} instead. */
    private int depth;
    /**
     * The newest hold, while no other lock operation of this thread has needed the arrays since
     * it was taken (its instance 0: none): {@link #push} puts a hold here, and the release of the
     * lock taken last (the innermost, which most releases are) only clears it, so neither touches
     * the arrays. Every method that reads the arrays first moves it there ({@link #settle}).
     */
    private Object topObject;
    private long topInstance;
    private int topId;
    private byte topKind;
    Object[] objects = new Object[8];
    long[] instances = new long[8];
    int[] ids = new int[8];
    /**
     * {@link JavaLocks#MONITOR}, {@link JavaLocks#LOCK}, {@link JavaLocks#READ},
     * {@link JavaLocks#WRITE} or {@link JavaLocks#DOWNGRADED}.
     */
    byte[] kinds = new byte[8];

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
            if (depth == 0) {
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

    void entering(Object monitor, long instance, int id) {
        if (enterObject != monitor) {
            enterObject = monitor;
        }
        enterInstance = instance;
        enterId = id;
    }

    /** The id {@link #entering} named {@code monitor} with, or 0. */
    int enteringId(Object monitor) {
        return monitor == enterObject && enterInstance != 0L ? enterId : 0;
    }

    /**
     * The instance of a monitor this thread has just locked: the one {@link #entering} computed,
     * the last released's, or a held entry's (a re-entry); else its identity hash. All of these
     * are the same function of the object, so the first found is the answer, and the last
     * released is asked before the held entries: a loop that takes one monitor again under many
     * others then scans none of them.
     */
    long lockedInstance(Object monitor) {
        long entered = enterInstance;
        if (monitor == enterObject && entered != 0L) {
            enterInstance = 0L;
            return entered;
        }
        if (monitor == lastObject) {
            return lastInstance;
        }
        settle();
        for (int i = depth - 1; i >= 0; i--) {
            if (objects[i] == monitor) {
                return instances[i];
            }
        }
        return JavaLocks.instance(monitor);
    }

    /** The index of the newest entry of {@code instance}, or -1. */
    int indexOf(long instance) {
        settle();
        for (int i = depth - 1; i >= 0; i--) {
            if (instances[i] == instance) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the newest entry for {@code lock}, by identity, or -1. */
    int indexOf(Object lock) {
        settle();
        for (int i = depth - 1; i >= 0; i--) {
            if (objects[i] == lock) {
                return i;
            }
        }
        return -1;
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

    /** A new hold, the newest: kept out of the arrays until they are needed. */
    void push(Object lock, long instance, int id, byte kind) {
        settle();
        if (topObject != lock) {
            topObject = lock;
        }
        topInstance = instance;
        topId = id;
        topKind = kind;
    }

    /** Whether the newest hold is {@code lock}, held as {@code kind}, and not yet in the arrays. */
    boolean isTop(Object lock, byte kind) {
        return topObject == lock && topInstance != 0L && topKind == kind;
    }

    /** The instance of the hold {@link #isTop} confirmed. */
    long topInstance() {
        return topInstance;
    }

    /** The lock id of the hold {@link #isTop} confirmed. */
    int topId() {
        return topId;
    }

    /** Drops the hold {@link #isTop} confirmed: the release of the lock taken last. */
    void dropTop() {
        topInstance = 0L;
        if (depth == 0) {
            forgetReleased();
        }
    }

    /** The number of holds, after moving the newest into the arrays, which may then be read up to it. */
    int depth() {
        settle();
        return depth;
    }

    /**
     * The number of holds in the arrays, read from another thread without moving anything: the
     * watchdog's view of a thread, which is settled whenever it waits ({@link #waitFor}).
     */
    int racyDepth() {
        return depth;
    }

    /** Moves the newest hold into the arrays, if it is not there yet. */
    void settle() {
        if (topInstance != 0L) {
            append(topObject, topInstance, topId, topKind);
            topInstance = 0L;
        }
    }

    private void append(Object lock, long instance, int id, byte kind) {
        if (depth == objects.length) {
            int n = depth * 2;
            objects = Arrays.copyOf(objects, n);
            instances = Arrays.copyOf(instances, n);
            ids = Arrays.copyOf(ids, n);
            kinds = Arrays.copyOf(kinds, n);
        }
        if (objects[depth] != lock) {
            objects[depth] = lock;
        }
        instances[depth] = instance;
        ids[depth] = id;
        kinds[depth] = kind;
        depth++;
    }

    /** Removes the newest entry of {@code instance}; false when there is none. */
    boolean pop(long instance) {
        int i = indexOf(instance);
        if (i >= 0) {
            removeAt(i);
        }
        return i >= 0;
    }

    /** The index of the newest entry of {@code instance} held as {@code kind}, or -1. */
    int find(long instance, byte kind) {
        settle();
        for (int i = depth - 1; i >= 0; i--) {
            if (instances[i] == instance && kinds[i] == kind) {
                return i;
            }
        }
        return -1;
    }

    /** Removes entry {@code i} of the arrays (an index read after they were settled). */
    void removeAt(int i) {
        settle();
        int tail = depth - i - 1;
        if (tail > 0) {
            System.arraycopy(objects, i + 1, objects, i, tail);
            System.arraycopy(instances, i + 1, instances, i, tail);
            System.arraycopy(ids, i + 1, ids, i, tail);
            System.arraycopy(kinds, i + 1, kinds, i, tail);
        }
        if (--depth == 0) {
            forgetReleased();
        }
    }

    /**
     * Drops the references a thread that holds nothing keeps to the locks it released: the
     * mirror's slots above its depth, its newest hold's field, and the lock it last checked,
     * entered or waited for. Null
     * stores cost no card mark; the monitor last released stays, for {@link #lockedInstance}.
     */
    private void forgetReleased() {
        Object[] o = objects;
        for (int i = 0; i < o.length && o[i] != null; i++) {
            o[i] = null;
        }
        topObject = null;
        acquiringLock = null;
        enterObject = null;
        if ((long) WAIT_INSTANCE.getOpaque(this) == 0L) {
            waitObject = null;
        }
    }

    /** The index of the newest {@code java.util.concurrent} lock held, or -1. */
    int newestJuc() {
        settle();
        for (int i = depth - 1; i >= 0; i--) {
            if (kinds[i] != JavaLocks.MONITOR) {
                return i;
            }
        }
        return -1;
    }
}
