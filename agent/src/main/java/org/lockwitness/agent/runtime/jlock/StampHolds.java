package org.lockwitness.agent.runtime.jlock;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One thread's {@code StampedLock} holds, published so that another thread that releases one with
 * the acquirer's stamp (legal: a stamped lock has no owner) can find the acquirer, and the
 * acquirer's inbox of holds so released.
 *
 * <p>Design: the witness's and the mirror's held lists are confined to their thread, which pushes
 * and pops them without a lock; nobody else may change them. So a release by another thread is
 * handed over: the releaser claims the acquirer's published slot (one CAS, so that one release
 * drops one hold) and posts the hold to its inbox; the acquirer drops it itself, under its own
 * name, at its next hook ({@link JThread#get}), or the sweeper does once it has ended. Until then
 * the acquirer's view keeps the hold, which matters to no check: only the acquirer's own events
 * read its held list. A slot is a pair of longs, the key (the instance's identity hash above a
 * generation count of this thread, so a slot freed and reused between a reader's two reads is not
 * taken for the old one) and the stamp; the owner writes the stamp before the key, and a reader
 * reads the key before the stamp. There are {@link #SLOTS} of them, made with the thread's state;
 * a hold beyond them is not published, and a release of it by another thread is not seen (the
 * acquirer keeps it, as before). Publishing allocates nothing; posting does, rarely.
 *
 * <p>Thread-safety: {@link #publish} and {@link #unpublish} by the owner only; {@link #claim}
 * by anyone, lock-free; the inbox under this object's monitor, {@link #pending} volatile.
 */
final class StampHolds {

    /** Published holds per thread. */
    static final int SLOTS = 8;
    private static final long READ_BIT = 1L << 62;

    private final AtomicLongArray slots = new AtomicLongArray(2 * SLOTS);
    private int generation;
    private long[] inbox = new long[0];
    private int posted;
    /** Set when the inbox is not empty: the one read each hook of the owner pays. */
    volatile boolean pending;

    /** The owner publishes its hold of {@code instance} with {@code stamp}; false when every slot is taken. */
    boolean publish(long instance, long stamp) {
        for (int k = 0; k < SLOTS; k++) {
            if (slots.get(2 * k) == 0L) {
                if (++generation == 0) {
                    generation = 1;
                }
                slots.set(2 * k + 1, stamp);
                slots.set(2 * k, key(instance, generation));
                return true;
            }
        }
        return false;
    }

    /**
     * The owner withdraws its published hold of {@code instance} with {@code stamp} or, when
     * {@code exact} is false and none has it, any of {@code instance}; false when there is none.
     */
    boolean unpublish(long instance, long stamp, boolean exact) {
        if (claim(instance, stamp)) {
            return true;
        }
        if (!exact) {
            for (int k = 0; k < SLOTS; k++) {
                long key = slots.get(2 * k);
                if (key != 0L && sameLock(key, instance) && slots.compareAndSet(2 * k, key, 0L)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Takes the published hold of {@code instance} with {@code stamp} away from this thread; false when none. */
    boolean claim(long instance, long stamp) {
        for (int k = 0; k < SLOTS; k++) {
            while (true) {
                long key = slots.get(2 * k);
                if (key == 0L || !sameLock(key, instance) || slots.get(2 * k + 1) != stamp) {
                    break;
                }
                if (slots.compareAndSet(2 * k, key, 0L)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Another thread released this thread's hold of {@code instance} (a read when {@code read}). */
    synchronized void post(long instance, boolean read) {
        if (posted == inbox.length) {
            inbox = Arrays.copyOf(inbox, Math.max(4, posted * 2));
        }
        inbox[posted++] = read ? instance | READ_BIT : instance;
        pending = true;
    }

    /** Hands each posted hold to {@code drop} and empties the inbox. */
    synchronized void drain(Drop drop) {
        for (int i = 0; i < posted; i++) {
            long e = inbox[i];
            drop.drop(e & ~READ_BIT, (e & READ_BIT) != 0);
        }
        posted = 0;
        pending = false;
    }

    /** Receives a hold released by another thread. */
    interface Drop {
        void drop(long instance, boolean read);
    }

    private static long key(long instance, int generation) {
        return (instance << 32) | (generation & 0xFFFF_FFFFL);
    }

    private static boolean sameLock(long key, long instance) {
        return (key >>> 32) == (instance & 0xFFFF_FFFFL);
    }
}
