package org.lockwitness.agent.runtime.jlock;

import java.util.concurrent.locks.Lock;
import org.lockwitness.witness.OpFlags;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The {@code ReentrantReadWriteLock} rules of {@link JavaLocks}, which follow the JDK rather than
 * FreeBSD: a write while this thread reads the same lock has no upgrade and waits for itself; a
 * read under this thread's own write is a legal downgrade. The witness keeps one entry per held
 * instance, and a read and the write of one lock are one instance ({@link RwLocks}), so a read
 * under the write is recorded as one more level of the write's hold ({@link JavaLocks#DOWNGRADED})
 * and becomes a shared hold when the last write is released.
 *
 * <p>Thread-safety: each method acts for the calling thread, on its {@link JThread}.
 */
final class RwHolds {

    private static final Witness W = JavaLockRuntime.witness();

    private RwHolds() {
    }

    /** The newest read of {@code instance} this thread holds, plain or under its write; -1 if none. */
    static int readEntry(JThread jt, long instance) {
        for (int i = jt.depth() - 1; i >= 0; i--) {
            if (jt.instances[i] == instance && (jt.kinds[i] == JavaLocks.READ || jt.kinds[i] == JavaLocks.DOWNGRADED)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Before a write: the newest read of the same lock this thread holds, by the mirror and by the
     * lock's own word ({@code getReadHoldCount}), or -1. A read the lock says this thread does not
     * hold was released where the instrumentation could not see it, and is forgotten in silence;
     * one it does hold makes the write the witness's {@code RECURSION}: the JDK has no upgrade.
     */
    static int readHeld(JThread jt, WitnessThread t, Lock l, long instance) {
        int r = jt.find(instance, JavaLocks.READ);
        if (r < 0 || RwLocks.readHolds(RwLocks.identity(l, false)) != 0) {
            return r;
        }
        for (int i = jt.depth() - 1; i >= 0; i--) {
            if (jt.instances[i] == instance && jt.kinds[i] == JavaLocks.READ) {
                W.release(t, jt.ids[i], instance, 0, OpFlags.SHARED);
                jt.removeAt(i);
            }
        }
        return -1;
    }

    /**
     * The last write of a lock is released: the reads taken under it, one more level of its hold
     * until now, become the shared holds they are from here on.
     */
    static void downgraded(JThread jt, WitnessThread t, long instance, int site) {
        for (int i = 0; i < jt.depth(); i++) {
            if (jt.instances[i] == instance && jt.kinds[i] == JavaLocks.DOWNGRADED) {
                W.release(t, jt.ids[i], instance, site, 0);
            }
        }
        for (int i = 0; i < jt.depth(); i++) {
            if (jt.instances[i] == instance && jt.kinds[i] == JavaLocks.DOWNGRADED) {
                W.acquired(t, jt.ids[i], instance, site, OpFlags.SHARED);
                jt.kinds[i] = JavaLocks.READ;
            }
        }
    }
}
