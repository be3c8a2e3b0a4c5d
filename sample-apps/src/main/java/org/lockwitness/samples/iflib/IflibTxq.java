package org.lockwitness.samples.iflib;

import org.lockwitness.kernel.Callout;
import org.lockwitness.kernel.GroupTask;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.TaskqGroup;
import org.lockwitness.kernel.probe.LockWrapper;

/**
 * A TX queue ({@code struct iflib_txq}): its mutex {@code "ix0:TX(i):callout"}, which is also the
 * mutex of its watchdog callout ({@code callout_init_mtx}), its mp_ring, and its grouptask. The
 * timer runs with the mutex held and reports a queue whose descriptors stopped completing to the
 * context's watchdog.
 *
 * <p>Thread-safety: the timer state is guarded by the queue mutex; the descriptor counters are
 * written by the ring's single consumer and the queue's task, one at a time on the model's CPUs.
 */
final class IflibTxq {

    static final int RING_SIZE = 64;
    static final int TX_BATCH_SIZE = 32;
    static final int TIMER_TICKS = 2;

    private final IflibCtx ctx;
    private final int id;
    private final Mtx mtx;
    private final Callout timer;
    private final MpRing ring;
    private final GroupTask task;
    private final int wedgeAfter;
    private int inUse;
    private int completed;
    private int lastCompleted;
    private int encapsulated;
    private boolean wasReset;

    /**
     * @param wedgeAfter the hardware stops completing descriptors after this many until the queue is
     *                   reset, or {@link Integer#MAX_VALUE}
     */
    IflibTxq(Machine m, IflibCtx ctx, int id, TaskqGroup io, int wedgeAfter) {
        this.ctx = ctx;
        this.id = id;
        this.mtx = new Mtx(ctx.name() + ":TX(" + id + "):callout", Mtx.DEF);
        this.timer = new Callout(m, mtx, 0);
        this.task = new GroupTask(ctx.name() + ":txq" + id, this::taskFnTx);
        this.task.attach(io, id);
        this.ring = new MpRing(RING_SIZE, this::drain, task::enqueue);
        this.wedgeAfter = wedgeAfter;
    }

    int id() {
        return id;
    }

    /** {@code iflib_if_transmit}'s enqueue: into the ring; a full ring kicks the task. */
    void transmit(int packet) {
        if (ring.enqueue(packet, TX_BATCH_SIZE) != 0) {
            task.enqueue();
        }
    }

    /** {@code CALLOUT_LOCK}. */
    @LockWrapper
    void calloutLock() {
        mtx.lock();
    }

    /** {@code CALLOUT_UNLOCK}. */
    @LockWrapper
    void calloutUnlock() {
        mtx.unlock();
    }

    /** Arms the watchdog timer; called with {@link #calloutLock()} held. */
    void armTimer() {
        timer.reset(TIMER_TICKS, this::timer);
    }

    /** The TX interrupt's credit update, as {@code iflib_fast_intr_rxtx} does before enqueueing the task. */
    void kick() {
        task.enqueue();
    }

    /** {@code iflib_txq_drain}: encapsulate what the ring holds and make sure the timer runs. */
    private int drain(int[] items, int cidx, int pidx, int size) {
        int n = (pidx - cidx + size) % size;
        encapsulated += n;
        inUse += n;
        calloutLock();
        if (!timer.pending()) {
            armTimer();
        }
        calloutUnlock();
        return n;
    }

    /**
     * {@code _task_fn_tx}: reclaim completed descriptors, restart the ring. Until its first reset a
     * wedged queue completes no more than {@code wedgeAfter}.
     */
    private void taskFnTx() {
        int done = wasReset ? inUse : Math.min(inUse, Math.max(0, wedgeAfter - completed));
        inUse -= done;
        completed += done;
        ring.checkDrainage(TX_BATCH_SIZE);
    }

    /** {@code iflib_timer}: runs with the queue mutex held. */
    private void timer() {
        boolean hung = inUse > 0 && completed == lastCompleted;
        lastCompleted = completed;
        if (hung) {
            ctx.watchdog(this);
        } else if (inUse > 0) {
            armTimer();
        }
    }

    /** The watchdog reset's part for this queue: forget the stuck descriptors. */
    void reset() {
        inUse = 0;
        wasReset = true;
    }

    /** @return packets encapsulated */
    int encapsulated() {
        return encapsulated;
    }
}
