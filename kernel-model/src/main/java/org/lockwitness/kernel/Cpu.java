package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
     * The scheduling points taken on this CPU, by whichever thread ran here, less its spin-wait
     * loops: the own working time of the spin locks this CPU holds ({@link #count}). Touched only
     * by the thread running here.
     */
    long points;
    /** Windows taken since this CPU's last spin-wait iteration. */
    private long sinceSpin;
    /** The iterations of the spin-wait this CPU is in (0: none). */
    private long spinStreak;

    /** The most interrupt windows one iteration of a spin-wait loop takes (its few lines'). */
    static final int SPIN_LOOP_WINDOWS = 16;
    /**
     * The windows after which a spin-wait iteration starts a new wait rather than continuing one:
     * more than an interrupt handler taken in the loop.
     */
    static final int SPIN_WAIT_GAP = 1000;
    /** PARALLEL mode: the iterations a spin-wait loop busy-waits before it backs off. */
    static final int SPINS_BEFORE_BACKOFF = 1000;
    /** PARALLEL mode: how long one backed-off iteration parks the CPU's carrier thread. */
    static final long BACKOFF_NANOS = 10_000;

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

    /**
     * Counts a scheduling point taken here into {@link #points}. A spin-wait iteration
     * ({@code cpu_spinwait}) is waiting, not work: it is not counted, and it takes back the windows
     * of its loop's iteration (those since the previous iteration, at most
     * {@link #SPIN_LOOP_WINDOWS}), which under {@code windows=lines} come with every line of the
     * loop. So a spin lock holder that waits for another CPU, or spins on another lock, adds
     * nothing, and neither does the host's scheduling of the CPU it waits for.
     */
    void count(SchedulingPoint.Kind kind) {
        if (kind == SchedulingPoint.Kind.SPIN) {
            spinStreak = sinceSpin <= SPIN_WAIT_GAP ? spinStreak + 1 : 1;
            points -= Math.min(sinceSpin, SPIN_LOOP_WINDOWS);
            sinceSpin = 0;
        } else {
            points++;
            sinceSpin++;
        }
    }

    /**
     * PARALLEL mode's {@code cpu_spinwait}: a pause, and once the loop has spun
     * {@link #SPINS_BEFORE_BACKOFF} iterations, a short park, as {@code lock_delay}'s back-off: the
     * CPU this one waits for is a host thread too, which a host with fewer cores than busy carrier
     * threads must get to run (the sched lock is held across a hand-off that unparks the next
     * thread's carrier). It bounds how many iterations a wait for the host takes, so that a
     * spinner's own iteration count measures the wait.
     */
    void spinDelay() {
        if (spinStreak < SPINS_BEFORE_BACKOFF) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(BACKOFF_NANOS);
        }
    }

    void post(int vector) {
        ipiPending.getAndAccumulate(Irq.bit(vector), (v, bit) -> v | bit);
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
