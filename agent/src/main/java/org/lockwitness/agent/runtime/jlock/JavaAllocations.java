package org.lockwitness.agent.runtime.jlock;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The hook that woven application classes call right after they construct a lock object of a
 * generic JDK type ({@code new Object()}, {@code new ReentrantLock()},
 * {@code new ReentrantReadWriteLock()}, {@code new StampedLock()}): it records the allocation site,
 * which names the lock when no field does ({@link LockNames}). A {@code ReentrantReadWriteLock}'s
 * read and write locks, the objects its users lock, are recorded under its site too. Public
 * because woven classes in any package call it; not an API for anyone else.
 *
 * <p>Thread-safety: thread-safe; never throws into the host (a failure is a {@code CHECKER_FAULT}).
 */
public final class JavaAllocations {

    private JavaAllocations() {
    }

    /**
     * After the constructor of a lock object returned.
     *
     * @param o the new object
     * @param name the name id of its allocation site ({@code File.java:line})
     */
    public static void allocated(Object o, int name) {
        try {
            LockNames.SITES.record(o, name);
            if (o instanceof ReentrantReadWriteLock rw) {
                LockNames.SITES.record(rw.readLock(), name);
                LockNames.SITES.record(rw.writeLock(), name);
            }
        } catch (Throwable e) {
            JavaLockRuntime.witness().fault(e, "java lock allocation");
        }
    }
}
