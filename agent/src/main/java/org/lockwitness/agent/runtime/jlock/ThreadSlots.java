package org.lockwitness.agent.runtime.jlock;

/**
 * A direct-mapped cache of {@link JThread}s by thread id, in front of {@link JThread}'s
 * {@code ThreadLocal}: the first Java-lock hook of each call of a woven method looks up the calling
 * thread's state (the hooks after it get it from the method's state slot), and a
 * {@code ThreadLocal} lookup is a chain of five dependent loads (the thread's map, its table, the
 * entry, the entry's weak referent, the value) that a profile of the {@code ReentrantLock} pair
 * under the agent put at about a third of the pair's time.
 *
 * <h2>Design</h2>
 * One array of {@value #SIZE} slots, indexed by the low bits of the thread id. A lookup reads the
 * thread's id, the slot and the entry's thread, which must be the calling thread: three loads after
 * {@code Thread.currentThread()}. A miss (an empty slot, or one another thread owns) falls back to
 * the {@code ThreadLocal}, which stays the source of truth, and claims the slot only if it is
 * empty, so two threads that share a slot never evict each other on every call: the first keeps it
 * and the second always takes the {@code ThreadLocal}. The sweeper ({@link JThreads}) empties the
 * slots of threads that have ended, so a slot is held at most one sweep period past its thread's
 * end (and with it that thread's {@code JThread}, which the sweeper would drop then anyway).
 *
 * <h2>Thread-safety</h2>
 * Slots are read and written without synchronization. A reader may see a stale entry or
 * {@code null}, and then misses and takes the {@code ThreadLocal}; it can never take another
 * thread's state, because it checks {@link JThread#thread}, a final field, which a reader that
 * sees the entry sees initialised. Two threads claiming one empty slot at once may both write it;
 * one of them wins, and the other misses from then on. Everything else in a {@code JThread} is
 * confined to its own thread.
 */
final class ThreadSlots {

    static final int SIZE = 1 << 12;
    private static final int MASK = SIZE - 1;
    private static final JThread[] SLOTS = new JThread[SIZE];

    private ThreadSlots() {
    }

    /** The state of {@code current}, the calling thread, if its slot holds it; else null. */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
    static JThread lookup(Thread current) {
        JThread jt = SLOTS[(int) current.getId() & MASK];
        return jt != null && jt.thread == current ? jt : null;
    }

    /** Gives {@code jt} its thread's slot if the slot is empty. */
    @SuppressWarnings("deprecation")
    static void offer(JThread jt) {
        int i = (int) jt.thread.getId() & MASK;
        if (SLOTS[i] == null) {
            SLOTS[i] = jt;
        }
    }

    /** Empties the slots of threads that have ended. Run by the sweeper. */
    static void sweep() {
        for (int i = 0; i < SIZE; i++) {
            JThread jt = SLOTS[i];
            if (jt != null && !jt.thread.isAlive()) {
                SLOTS[i] = null;
            }
        }
    }
}
