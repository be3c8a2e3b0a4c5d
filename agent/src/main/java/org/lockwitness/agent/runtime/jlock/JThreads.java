package org.lockwitness.agent.runtime.jlock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.lockwitness.witness.OpFlags;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The Java threads that took a Java lock, and the sweeper that runs the deadlock {@link Watchdog}
 * over the live ones and ends the handles of those that have ended: a Java thread ends without an event the agent could see without retransforming
 * {@code java.lang.Thread}. Before the witness reports {@code HELD_AT_EXIT}, each lock is asked:
 * a monitor is never held by an ended thread (the JVM releases it), and a {@code ReentrantLock}
 * that is not locked, a write lock not held by the ended thread, a read lock with no reader, or a
 * {@code StampedLock} not locked in the mode held, was released where call-site
 * instrumentation could not see it (a method reference in a hidden class, reflection, a
 * {@code MethodHandle}); those are forgotten silently.
 *
 * <p>Design: a list under this class's monitor, swept by one daemon thread every
 * {@link #PERIOD_MS} ms and by {@link JavaLockRuntime#sweep} (when {@code main} returns and at
 * exit).
 *
 * <p>Thread-safety: the list is guarded by its own monitor; a thread's state is read only after
 * {@link Thread#isAlive()} returned false, which orders its last writes before the read.
 */
final class JThreads {

    static final long PERIOD_MS = 200;
    private static final List<JThread> THREADS = new ArrayList<>();
    private static boolean sweeperStarted;
    private static final Watchdog WATCHDOG = new Watchdog();

    private JThreads() {
    }

    static void register(JThread t) {
        synchronized (THREADS) {
            THREADS.add(t);
        }
    }

    static void startSweeper() {
        synchronized (THREADS) {
            if (sweeperStarted) {
                return;
            }
            sweeperStarted = true;
        }
        Thread sweeper = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                sweep();
            }
        }, "lockwitness-java-threads");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    static void sweep() {
        Witness w = JavaLockRuntime.witness();
        if (w == null) {
            return;
        }
        List<JThread> ended = new ArrayList<>();
        List<JThread> live;
        synchronized (THREADS) {
            THREADS.removeIf(t -> {
                if (t.thread.isAlive()) {
                    return false;
                }
                ended.add(t);
                return true;
            });
            live = new ArrayList<>(THREADS);
        }
        ThreadSlots.sweep();
        try {
            WATCHDOG.scan(w, live);
        } catch (Throwable e) {
            w.fault(e, "java deadlock watchdog");
        }
        for (JThread t : ended) {
            try {
                end(w, t);
            } catch (Throwable e) {
                w.fault(e, "java thread exit");
            }
        }
    }

    /**
     * The live or not yet swept thread, other than {@code self}, that published a hold of a
     * {@code StampedLock} with {@code stamp}, now taken away from it; or null.
     */
    static JThread claimStamp(JThread self, long instance, long stamp) {
        synchronized (THREADS) {
            for (JThread t : THREADS) {
                if (t != self && t.stamps.claim(instance, stamp)) {
                    return t;
                }
            }
        }
        return null;
    }

    private static void end(Witness w, JThread t) {
        WitnessThread handle = t.existingHandle();
        if (handle == null) {
            return;
        }
        t.dropReleased(w);
        for (int i = t.depth() - 1; i >= 0; i--) {
            Object lock = t.objects[i];
            if (!stillHeld(lock, t.kinds[i], t.thread)) {
                w.release(handle, t.ids[i], t.instances[i], 0, t.kinds[i] == JavaLocks.READ ? OpFlags.SHARED : 0);
            }
        }
        w.threadExit(handle, 0);
    }

    /** Whether an ended thread can still hold this lock, as far as the lock itself can say. */
    private static boolean stillHeld(Object lock, byte kind, Thread ended) {
        if (kind == JavaLocks.MONITOR) {
            return false;
        }
        if (lock instanceof ReentrantLock l) {
            return l.isLocked();
        }
        if (lock instanceof StampedLock l) {
            return kind == JavaLocks.READ ? l.isReadLocked() : l.isWriteLocked();
        }
        if (lock instanceof ReentrantReadWriteLock.WriteLock l) {
            Object sync = RwLocks.identity(l, false);
            return RwLocks.known(sync) ? RwLocks.writer(sync) == ended : l.toString().contains("[Locked by thread");
        }
        if (lock instanceof ReentrantReadWriteLock.ReadLock l) {
            return RwLocks.readCount(RwLocks.identity(l, true)) != 0;
        }
        return true;
    }
}
