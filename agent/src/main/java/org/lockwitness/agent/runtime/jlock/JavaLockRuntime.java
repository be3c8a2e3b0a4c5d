package org.lockwitness.agent.runtime.jlock;

import java.lang.instrument.Instrumentation;
import org.lockwitness.witness.Witness;

/**
 * The Java-lock run-time side's handle for the rest of the agent: {@link #start} hands over the
 * witness before any application class is woven, {@link #name} registers a lock name for a woven
 * site (at transform time), and {@link #sweep} ends the handles of Java threads that have ended,
 * reporting the {@code java.util.concurrent} locks they still hold ({@code HELD_AT_EXIT}).
 *
 * <p>Thread-safety: {@link #start} publishes the witness through a volatile field; the rest is
 * thread-safe.
 */
public final class JavaLockRuntime {

    private static volatile Witness witness;

    private JavaLockRuntime() {
    }

    /**
     * Hands the started witness to the hooks; call once, before the first application class is
     * woven.
     *
     * @param w the witness
     */
    public static void start(Witness w) {
        witness = w;
        JThreads.startSweeper();
    }

    /**
     * Lets the hooks ask a {@code ReentrantReadWriteLock}'s read and write locks for the state they
     * share, by opening {@code java.util.concurrent.locks} to the agent's module alone (nothing is
     * retransformed). Call once, before the first application class is woven; never throws.
     *
     * @param inst the instrumentation
     */
    public static void openLocks(Instrumentation inst) {
        RwLocks.open(inst);
    }

    /**
     * Registers the name a woven site gives its lock (the field that holds it, {@code Owner.field},
     * or {@code Owner.class}); the same name always gets the same id.
     *
     * @param lockName the name
     * @return its id, never 0 (0 means "no name": the lock is named by its runtime class)
     */
    public static int name(String lockName) {
        return LockNames.register(lockName);
    }

    /**
     * Ends the handle of every Java thread that has ended: a lock the thread still held by the
     * witness's account and by the lock's own is {@code HELD_AT_EXIT}; a monitor, or a lock that says
     * it is free, was released where the instrumentation could not see it and is forgotten. Never
     * throws.
     */
    public static void sweep() {
        JThreads.sweep();
    }

    static Witness witness() {
        return witness;
    }
}
