package org.lockwitness.agent.runtime.jlock;

import java.util.Arrays;
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
 * more entry. Pushing and popping allocate nothing in steady state.
 *
 * <p>Thread-safety: confined to its thread while it runs; the sweeper reads it only once the
 * thread has ended.
 */
final class JThread {

    private static final ThreadLocal<JThread> CURRENT = ThreadLocal.withInitial(JThread::new);

    final Thread thread = Thread.currentThread();
    boolean busy;
    /**
     * The lock this thread is blocked on, for the deadlock watchdog: its instance (0: none), the
     * object and the site's name id. Written by the thread before a blocking acquire and cleared
     * after it; the instance last, so that a watchdog that reads it non-zero sees the rest and the
     * mirror as they were then.
     */
    volatile long waitInstance;
    Object waitObject;
    int waitName;
    private WitnessThread handle;

    int depth;
    Object[] objects = new Object[8];
    long[] instances = new long[8];
    int[] ids = new int[8];
    /** {@link JavaLocks#MONITOR}, {@link JavaLocks#LOCK}, {@link JavaLocks#READ} or {@link JavaLocks#WRITE}. */
    byte[] kinds = new byte[8];

    private JThread() {
    }

    static JThread get() {
        return CURRENT.get();
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
        waitObject = lock;
        waitName = name;
        waitInstance = instance;
    }

    void waitDone() {
        if (waitInstance != 0L) {
            waitInstance = 0L;
            waitObject = null;
        }
    }

    void push(Object lock, long instance, int id, byte kind) {
        if (depth == objects.length) {
            int n = depth * 2;
            objects = Arrays.copyOf(objects, n);
            instances = Arrays.copyOf(instances, n);
            ids = Arrays.copyOf(ids, n);
            kinds = Arrays.copyOf(kinds, n);
        }
        objects[depth] = lock;
        instances[depth] = instance;
        ids[depth] = id;
        kinds[depth] = kind;
        depth++;
    }

    /** Removes the newest entry of {@code instance}; false when there is none. */
    boolean pop(long instance) {
        for (int i = depth - 1; i >= 0; i--) {
            if (instances[i] == instance) {
                int tail = depth - i - 1;
                System.arraycopy(objects, i + 1, objects, i, tail);
                System.arraycopy(instances, i + 1, instances, i, tail);
                System.arraycopy(ids, i + 1, ids, i, tail);
                System.arraycopy(kinds, i + 1, kinds, i, tail);
                objects[--depth] = null;
                return true;
            }
        }
        return false;
    }

    /** The index of the newest {@code java.util.concurrent} lock held, or -1. */
    int newestJuc() {
        for (int i = depth - 1; i >= 0; i--) {
            if (kinds[i] != JavaLocks.MONITOR) {
                return i;
            }
        }
        return -1;
    }
}
