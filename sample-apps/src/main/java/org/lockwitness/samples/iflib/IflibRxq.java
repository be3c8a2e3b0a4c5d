package org.lockwitness.samples.iflib;

import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.GroupTask;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.TaskqGroup;

/**
 * An RX queue ({@code struct iflib_rxq}) with its MSI-X vector: no mutex, one consumer (its
 * grouptask). Its filter, {@code iflib_fast_intr_rxtx}, only enqueues grouptasks: the TX queue it
 * services and its own RX task.
 *
 * <p>Thread-safety: {@code pending} is raised by the simulated hardware and consumed by the task,
 * one kernel thread at a time.
 */
final class IflibRxq {

    static final int RX_BUDGET = 16;

    private final InterruptSource irq;
    private final GroupTask task;
    private final IflibTxq txq;
    private int pending;
    private int received;

    IflibRxq(Machine m, String ctxName, int id, TaskqGroup io, IflibTxq txq) {
        this.txq = txq;
        this.task = new GroupTask(ctxName + ":rxq" + id, this::taskFnRx);
        this.task.attach(io, id);
        this.irq = m.interruptSource(ctxName + ":rxq" + id, id % m.cpuCount(), KThread.PI_NET);
        this.irq.addHandler(ctxName + ":rxq" + id, this::fastIntrRxtx, null, InterruptSource.INTR_MPSAFE);
    }

    /** The hardware received a packet and completed transmits: assert the vector. */
    void packetArrived() {
        pending++;
        irq.raise();
    }

    /** {@code iflib_fast_intr_rxtx}: in primary interrupt context; enqueues and returns. */
    private int fastIntrRxtx() {
        if (txq != null) {
            txq.kick();
        }
        task.enqueue();
        return Filter.FILTER_HANDLED;
    }

    /** {@code _task_fn_rx}: {@code iflib_rxeof} within the budget; more work re-enqueues. */
    private void taskFnRx() {
        int n = Math.min(pending, RX_BUDGET);
        pending -= n;
        received += n;
        if (pending > 0) {
            task.enqueue();
        }
    }

    /** @return packets received */
    int received() {
        return received;
    }
}
