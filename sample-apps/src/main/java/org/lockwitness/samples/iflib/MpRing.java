package org.lockwitness.samples.iflib;

import java.util.concurrent.atomic.AtomicLong;
import org.lockwitness.kernel.Critical;
import org.lockwitness.kernel.Machine;

/**
 * iflib's lock-free multi-producer, single-consumer ring ({@code sys/net/mp_ring.c}).
 *
 * <p>Design: one 64-bit state word packs {@code pidx_head}, {@code pidx_tail}, {@code cidx} and
 * the flags (IDLE, BUSY, STALLED, ABDICATED), 16 bits each, changed only by compare-and-set. A
 * producer reserves a slot on {@code pidx_head}, writes it, waits for earlier producers to publish
 * ({@code pidx_tail}) and publishes — all inside {@code critical_enter}/{@code critical_exit} —
 * and, when it found the ring idle or stalled, becomes the consumer and drains it after
 * {@code critical_exit}: the drain may take the TX queue's sleep mutex, so it must not run in the
 * critical section. A drain that reaches its budget abdicates to the queue's grouptask.
 *
 * <p>Thread-safety: any number of producers; one consumer at a time, chosen by the flags.
 */
final class MpRing {

    /** The consumer's callback: encapsulate the items from {@code cidx} up to {@code pidx}. */
    interface Drain {
        /** @return how many items were consumed; 0 stalls the ring */
        int drain(int[] items, int cidx, int pidx, int size);
    }

    static final int IDLE = 0;
    static final int BUSY = 1;
    static final int STALLED = 2;
    static final int ABDICATED = 3;
    static final int ENOBUFS = 55;

    private final int[] items;
    private final AtomicLong state = new AtomicLong();
    private final Drain drain;
    private final Runnable abdicate;

    /**
     * @param size     slots, at most 65535
     * @param drain    the consumer's callback
     * @param abdicate what a consumer that reached its budget hands the drain to (the grouptask)
     */
    MpRing(int size, Drain drain, Runnable abdicate) {
        this.items = new int[size];
        this.drain = drain;
        this.abdicate = abdicate;
    }

    /** {@code ifmp_ring_enqueue} of one item. @return 0 or {@link #ENOBUFS} */
    int enqueue(int item, int budget) {
        Critical.enter();
        long os;
        int head;
        for (;;) {
            os = state.get();
            head = field(os, 0);
            if (space(os) < 1) {
                Critical.exit();
                return ENOBUFS;
            }
            if (state.compareAndSet(os, with(os, 0, next(head)))) {
                break;
            }
        }
        items[head] = item;
        while (field(state.get(), 1) != head) {
            Machine.cpuSpinwait();
        }
        boolean consumer;
        for (;;) {
            os = state.get();
            int flags = field(os, 3);
            consumer = flags == IDLE || flags == STALLED;
            long ns = with(with(os, 1, next(head)), 3, consumer ? BUSY : flags);
            if (state.compareAndSet(os, ns)) {
                break;
            }
        }
        Critical.exit();
        if (consumer) {
            drainLockless(budget);
        }
        return 0;
    }

    /** {@code ifmp_ring_check_drainage}: restart a stalled or abdicated ring. */
    void checkDrainage(int budget) {
        long os = state.get();
        int flags = field(os, 3);
        if ((flags == STALLED || flags == ABDICATED) && field(os, 2) != field(os, 1)
                && state.compareAndSet(os, with(os, 3, BUSY))) {
            drainLockless(budget);
        }
    }

    /** {@code drain_ring_lockless}: consume until empty, stalled or over budget. */
    private void drainLockless(int budget) {
        int consumed = 0;
        for (;;) {
            long os = state.get();
            int cidx = field(os, 2);
            int pidx = field(os, 1);
            if (cidx == pidx) {
                if (state.compareAndSet(os, with(os, 3, IDLE))) {
                    return;
                }
                continue;
            }
            if (consumed >= budget) {
                setFlags(ABDICATED);
                abdicate.run();
                return;
            }
            int n = drain.drain(items, cidx, pidx, items.length);
            if (n == 0) {
                setFlags(STALLED);
                return;
            }
            consumed += n;
            long ns;
            do {
                os = state.get();
                ns = with(os, 2, (field(os, 2) + n) % items.length);
            } while (!state.compareAndSet(os, ns));
        }
    }

    private void setFlags(int flags) {
        long os;
        do {
            os = state.get();
        } while (!state.compareAndSet(os, with(os, 3, flags)));
    }

    private int space(long s) {
        int used = (field(s, 0) - field(s, 2) + items.length) % items.length;
        return items.length - 1 - used;
    }

    private int next(int idx) {
        return (idx + 1) % items.length;
    }

    private static int field(long s, int i) {
        return (int) (s >>> (16 * i)) & 0xffff;
    }

    private static long with(long s, int i, int value) {
        long mask = 0xffffL << (16 * i);
        return (s & ~mask) | ((long) value << (16 * i));
    }
}
