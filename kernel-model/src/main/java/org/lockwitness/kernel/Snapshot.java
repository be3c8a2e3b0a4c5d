package org.lockwitness.kernel;

import java.util.Objects;

/**
 * The model's context at a probe event: the facts a checker needs to judge it. One reusable
 * instance per kernel thread, refreshed by {@link KThread#snapshot()}; reading it allocates nothing.
 *
 * <p>Design: a view, not a copy. {@link KThread#snapshot()} fixes the thread's CPU (one volatile
 * read) and each accessor reads the thread's or the CPU's field when asked, so a checker that copies
 * the context into its own per-thread record copies it once, not twice. {@link #flags()} reads the
 * five yes-or-no facts at once, for a checker that keeps them as bits. The values are those of the
 * moment they are read: on the thread itself, between two of its scheduling points, they do not
 * change.
 *
 * <p>Thread-safety: owned by its kernel thread; read it on that thread only, right after
 * {@link KThread#snapshot()}.
 */
public final class Snapshot {

    /** {@code InterruptEnter}/{@code InterruptExit} argument: a device interrupt (filters run). */
    public static final int INTR_DEVICE = 0;
    /** A bitmap IPI (IPI_PREEMPT, IPI_AST), run inside a critical section after EOI. */
    public static final int INTR_IPI = 1;
    /** The rendezvous IPI: {@code smp_rendezvous_action} without a critical section, EOI after. */
    public static final int INTR_RENDEZVOUS = 2;

    /** {@link #flags()} bit: {@link #owepreempt()}. */
    public static final int OWEPREEMPT = 1;
    /** {@link #flags()} bit: {@link #interruptsEnabled()}. */
    public static final int INTERRUPTS_ENABLED = 2;
    /** {@link #flags()} bit: {@link #eoiPending()}. */
    public static final int EOI_PENDING = 4;
    /** {@link #flags()} bit: {@link #inRendezvous()}. */
    public static final int IN_RENDEZVOUS = 8;
    /** {@link #flags()} bit: {@link #pinned()}. */
    public static final int PINNED = 16;

    /*
     * The thread, its machine and the machine's clock are fixed for the view's life, so an accessor
     * reaches the clock or the machine's state with one load fewer than through the thread: the
     * probes read the step, the mode and the stop flag at every event (side by side, pinned to one
     * core, the Mtx pair under the agent took about 1 ns less, its fastest iterations about 3).
     */
    private final KThread thread;
    private final Machine machine;
    private final SchedulingPoints points;
    private Cpu cpu;

    Snapshot(KThread thread) {
        this.thread = thread;
        this.machine = thread.machine;
        this.points = Objects.requireNonNull(thread.machine.points, "a thread made before its machine's clock");
    }

    /**
     * Points the view at CPU {@code c}, the thread's now. The field is written only when it changes:
     * this runs before every probe event, and under G1 a reference stored into an old object from
     * another region runs the post-write barrier, a full fence before its card check.
     */
    void fill(Cpu c) {
        if (cpu != c) {
            cpu = c;
        }
    }

    /** @return the kernel thread */
    public KThread thread() {
        return thread;
    }

    /** @return the thread id */
    public long tid() {
        return thread.tid;
    }

    /** @return the CPU the thread runs on */
    public int cpu() {
        return cpu == null ? -1 : cpu.id;
    }

    /** @return {@code td_critnest} */
    public int critnest() {
        return thread.critnest;
    }

    /** @return {@code td_owepreempt} */
    public boolean owepreempt() {
        return thread.owepreempt;
    }

    /** @return whether the CPU takes interrupts */
    public boolean interruptsEnabled() {
        return cpu != null && cpu.intrEnabled;
    }

    /** @return {@code td_intr_nesting_level}: above 0 in primary interrupt context */
    public int intrNesting() {
        return thread.intrNesting;
    }

    /** @return whether the CPU has an interrupt in service that has not been EOI'd */
    public boolean eoiPending() {
        return cpu != null && cpu.eoiPending > 0;
    }

    /** @return whether the thread runs an SMP rendezvous handler */
    public boolean inRendezvous() {
        return thread.inRendezvous;
    }

    /** @return whether the thread cannot migrate (pinned or bound) */
    public boolean pinned() {
        return thread.pinned > 0 || thread.boundCpu >= 0;
    }

    /**
     * The five yes-or-no facts of the context in one read: {@link #owepreempt()},
     * {@link #interruptsEnabled()}, {@link #eoiPending()}, {@link #inRendezvous()} and
     * {@link #pinned()}, as the bits of the same names.
     *
     * @return the bits that hold
     */
    public int flags() {
        KThread th = thread;
        Cpu c = cpu;
        int f = (th.owepreempt ? OWEPREEMPT : 0) | (th.inRendezvous ? IN_RENDEZVOUS : 0)
                | (th.pinned > 0 || th.boundCpu >= 0 ? PINNED : 0);
        if (c != null) {
            f |= (c.intrEnabled ? INTERRUPTS_ENABLED : 0) | (c.eoiPending > 0 ? EOI_PENDING : 0);
        }
        return f;
    }

    /** @return whether the thread holds its thread lock (the sched lock) */
    public boolean threadLockHeld() {
        return thread.machine.schedLock.ownerThread() == thread;
    }

    /** @return {@code md_spinlock_count} */
    public int spinlockCount() {
        return thread.spinlockCount;
    }

    /** @return the machine's scheduling-point count: simulated time */
    public long step() {
        return points.steps();
    }

    /**
     * @return the scheduling points taken on the thread's CPU so far, by the threads that ran
     *     there, spin-wait loops left out: the holder's own working time for the spin locks the
     *     CPU holds (a spin lock's holder runs with interrupts off and switches only to hand the
     *     thread lock to the next thread on the same CPU; its waits for other CPUs are bounded as
     *     waits, by the spinner's own iterations). Idle and other CPUs add nothing to it, in either
     *     mode.
     */
    public long cpuSteps() {
        return cpu == null ? 0 : cpu.points;
    }

    /** @return whether the thread's machine runs in PARALLEL mode (one Java thread per CPU at once) */
    public boolean parallel() {
        return machine.parallel;
    }

    /**
     * @return whether the thread's machine has stopped: its run ended, and the thread only unwinds
     *     (in PARALLEL mode the other CPUs run on until their next scheduling point)
     */
    public boolean stopped() {
        return machine.dead;
    }
}
