package org.lockwitness.agent.runtime.jlock;

import java.util.Arrays;

/**
 * The mirror of the Java locks one thread holds, which the witness cannot keep because it sees
 * only numbers: for each hold the object, its instance, its lock id and its kind
 * ({@link JavaLocks#MONITOR}, {@link JavaLocks#LOCK}, ...). It lets {@code Condition.await} find
 * the lock it releases, the watchdog follow a blocked thread to the holders of its lock, and the
 * sweeper ask each lock of an ended thread whether it is still held. {@link JThread} extends it,
 * so that the mirror's fields are the thread state's own and reaching them costs no extra load.
 *
 * <p>Design: parallel arrays grown geometrically, the newest entry last; a recursive hold is one
 * more entry. Pushing and popping allocate nothing in steady state. The newest hold stays in four
 * fields of its own until another lock operation of the thread needs the arrays, and the release of
 * the lock taken last (the innermost, which most releases are) only clears it there: so the common
 * acquire and release touch no array at all, which took about 4.5 ns off a {@code ReentrantLock} or
 * {@code synchronized} pair of about 40 (side by side, fastest iterations). Every method that reads
 * the arrays first moves that hold into them ({@link #settle}); a thread that publishes a wait has
 * done so, and the watchdog, which reads other threads' mirrors without their cooperation, reads
 * the newest hold's fields too: for a thread blocked where it could not publish its wait (entering
 * a {@code synchronized} method), and for one entering a {@code synchronized} block, whose newest
 * hold is the monitor it is about to enter, marked as perhaps not yet entered
 * ({@link #pushEntering}), which is its wait if it is blocked. A reference is stored only when it
 * differs from the one already there: under G1 a store of a reference from one region into an old
 * object of another runs the post-write barrier, a full fence before its card check, and a loop
 * that takes the same locks again would pay it on every acquire. So a released lock stays in its
 * slot above the mirror's depth until the thread holds nothing; then the mirror drops them all (a
 * null store needs no card mark) and tells the thread state ({@link #heldNothing}), which drops
 * what it remembers of released locks too.
 *
 * <p>Thread-safety: changed only by its thread; read by the watchdog without synchronization
 * ({@link #racyDepth}, {@link #racyTopInstance}) and by the sweeper once the thread has ended.
 */
abstract class HeldMirror {

    /** {@link #topMeta}'s mark of a monitor that may still be being entered. */
    private static final int ENTERING = 1 << 8;
    private static final int NAME_SHIFT = 9;
    private static final int NAME_BITS = 32 - NAME_SHIFT;

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
    /**
     * The newest hold's kind in the low byte; above it, for a monitor {@link #pushEntering} pushed,
     * the {@link #ENTERING} bit and the site's name for it, which the watchdog shows.
     */
    private int topMeta;
    Object[] objects = new Object[8];
    long[] instances = new long[8];
    int[] ids = new int[8];
    /**
     * {@link JavaLocks#MONITOR}, {@link JavaLocks#LOCK}, {@link JavaLocks#READ},
     * {@link JavaLocks#WRITE} or {@link JavaLocks#DOWNGRADED}.
     */
    byte[] kinds = new byte[8];

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

    /** A new hold, the newest: kept out of the arrays until they are needed. */
    void push(Object lock, long instance, int id, byte kind) {
        pushTop(lock, instance, id, kind);
    }

    /**
     * A monitor about to be entered, the newest hold from now on, held as a {@link JavaLocks#MONITOR}
     * but marked as perhaps still being entered ({@link #racyTopEntering}), with the site's name
     * ({@code name}, 0 when it has none or it does not fit in {@value #NAME_BITS} bits): no hook runs
     * after {@code monitorenter} returns, so only the watchdog, asking whether the thread is blocked
     * there, tells entering from entered. The mark goes when the hold moves into the arrays
     * ({@link #settle}), which only a later hook of the thread does, long after
     * {@code monitorenter} returned.
     */
    void pushEntering(Object lock, long instance, int id, int name) {
        int shown = name >>> NAME_BITS == 0 ? name << NAME_SHIFT : 0;
        pushTop(lock, instance, id, shown | ENTERING | JavaLocks.MONITOR);
    }

    private void pushTop(Object lock, long instance, int id, int meta) {
        settle();
        if (topObject != lock) {
            topObject = lock;
        }
        topInstance = instance;
        topId = id;
        topMeta = meta;
    }

    /** Whether the newest hold is {@code lock}, held as {@code kind}, and not yet in the arrays. */
    boolean isTop(Object lock, byte kind) {
        return topObject == lock && topInstance != 0L && (byte) topMeta == kind;
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
            emptied();
        }
    }

    /** The number of holds, after moving the newest into the arrays, which may then be read up to it. */
    int depth() {
        settle();
        return depth;
    }

    /**
     * The number of holds in the arrays, read from another thread without moving anything: the
     * watchdog's view of a thread, which is settled whenever it publishes a wait
     * ({@link JThread#waitFor}); the newest hold may still be in its fields otherwise
     * ({@link #racyTopInstance}).
     */
    int racyDepth() {
        return depth;
    }

    /**
     * The instance of the newest hold while it is still in its own fields (0: none), read from
     * another thread without moving it: with {@link #racyDepth}, the watchdog's view of a thread
     * blocked where it could not publish its wait (entering a {@code synchronized} method), which
     * has not settled.
     */
    long racyTopInstance() {
        return topInstance;
    }

    /** The object of the newest hold {@link #racyTopInstance} read, read the same way. */
    Object racyTopObject() {
        return topObject;
    }

    /**
     * Whether the newest hold {@link #racyTopInstance} read is a monitor that {@link #pushEntering}
     * pushed, read the same way: the thread is blocked entering it, about to enter it, or has
     * entered it since; the watchdog asks the thread's state which.
     */
    boolean racyTopEntering() {
        return (topMeta & ENTERING) != 0;
    }

    /** The site's name of the monitor that {@link #racyTopEntering} confirmed, or 0. */
    int racyTopName() {
        return topMeta >>> NAME_SHIFT;
    }

    /** Moves the newest hold into the arrays, if it is not there yet. */
    void settle() {
        if (topInstance != 0L) {
            append(topObject, topInstance, topId, (byte) topMeta);
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
            emptied();
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

    /** Whether the thread holds nothing: no newest hold and no entry in the arrays. */
    boolean holdsNothing() {
        return depth == 0 && topInstance == 0L;
    }

    /**
     * The thread holds nothing any more: drops the released locks the mirror keeps in its slots
     * and its newest hold's field, then lets the thread state drop what it remembers.
     */
    private void emptied() {
        Object[] o = objects;
        for (int i = 0; i < o.length && o[i] != null; i++) {
            o[i] = null;
        }
        topObject = null;
        heldNothing();
    }

    /**
     * Called on the thread when it has come to hold nothing: drops the references it keeps to
     * locks it released. Null stores cost no card mark.
     */
    abstract void heldNothing();
}
