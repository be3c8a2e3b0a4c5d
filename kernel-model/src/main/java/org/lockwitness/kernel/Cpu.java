package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * One CPU ({@code struct pcpu}): its current thread, idle thread, run queue, interrupt-enable flag
 * and pending interrupts.
 *
 * <p>Design: {@code curthread} is the per-CPU baton; the thread it names is the only one allowed to
 * run here. The run queue is guarded by the machine's sched lock. Pending interrupts are atomics
 * because any CPU may post them. {@code intrEnabled}, {@code eoiPending} and {@code points} are
 * touched only by the thread running on this CPU.
 */
@NoWindows
final class Cpu {

    final int id;
    final Machine machine;
    final RunQueue runq = new RunQueue();
    volatile KThread curthread;
    KThread idle;

    /** The CPU's interrupt flag (RFLAGS.IF). */
    boolean intrEnabled = true;
    /** True while the idle thread waits at its idle scheduling point. */
    boolean idling;
    /** Interrupts in service not yet EOI'd. */
    int eoiPending;
    /**
     * The scheduling points taken on this CPU, by whichever thread ran here: the own time of the
     * spin locks this CPU holds. Touched only by the thread running here.
     */
    long points;

    /** Pending IPIs and the hardclock, one bit per {@link Irq} vector above 0xff. */
    final AtomicInteger ipiPending = new AtomicInteger();
    /** Device interrupt sources routed to this CPU. */
    final List<InterruptSource> sources = new ArrayList<>();

    /** Per-CPU rmlock tracker queue ({@code pc_rm_queue}). */
    final List<Object> rmQueue = new ArrayList<>();

    Cpu(Machine machine, int id) {
        this.machine = machine;
        this.id = id;
    }

    void post(int vector) {
        ipiPending.getAndUpdate(v -> v | Irq.bit(vector));
    }

    /**
     * @return the vector of the first deliverable pending interrupt, or -1. Order: the rendezvous
     *     IPI, IPI_PREEMPT, IPI_AST, the hardclock, then device sources in creation order.
     */
    int nextPending() {
        int ipis = ipiPending.get();
        if (ipis != 0) {
            for (int v : Irq.IPI_ORDER) {
                if ((ipis & Irq.bit(v)) != 0) {
                    return v;
                }
            }
        }
        for (int i = 0, n = sources.size(); i < n; i++) {
            InterruptSource s = sources.get(i);
            if (s.pending && !s.masked) {
                return s.vector;
            }
        }
        return -1;
    }

    boolean hasDeliverable() {
        return intrEnabled && nextPending() >= 0;
    }

    /**
     * Whether a scheduling strategy may usefully run this CPU: it runs a thread, or its idle thread
     * is busy (not at its idle point), or it has queued work or a deliverable interrupt.
     */
    boolean isCandidate() {
        KThread t = curthread;
        return t == null || !t.idle || !idling || runq.size() > 0 || hasDeliverable();
    }

    boolean isIdle() {
        KThread t = curthread;
        return t != null && t.idle && runq.size() == 0;
    }

    @Override
    public String toString() {
        return "cpu" + id;
    }
}
