package org.lockwitness.kernel;

/**
 * The model's context at a probe event: the facts a checker needs to judge it. One reusable
 * instance per kernel thread, refreshed by {@link KThread#snapshot()}; reading it allocates nothing.
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

    private KThread thread;
    private int cpu;
    private int critnest;
    private boolean owepreempt;
    private boolean interruptsEnabled;
    private int intrNesting;
    private boolean eoiPending;
    private boolean inRendezvous;
    private boolean pinned;
    private boolean threadLockHeld;
    private int spinlockCount;
    private long step;
    private long cpuSteps;
    private boolean stopped;

    Snapshot() {
    }

    void fill(KThread td, Cpu c) {
        thread = td;
        cpu = c == null ? -1 : c.id;
        critnest = td.critnest;
        owepreempt = td.owepreempt;
        interruptsEnabled = c != null && c.intrEnabled;
        intrNesting = td.intrNesting;
        eoiPending = c != null && c.eoiPending > 0;
        inRendezvous = td.inRendezvous;
        pinned = td.pinned > 0 || td.boundCpu >= 0;
        threadLockHeld = td.machine.schedLock.ownerThread() == td;
        spinlockCount = td.spinlockCount;
        step = td.machine.steps();
        cpuSteps = c == null ? 0 : c.points;
        stopped = td.machine.dead;
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
        return cpu;
    }

    /** @return {@code td_critnest} */
    public int critnest() {
        return critnest;
    }

    /** @return {@code td_owepreempt} */
    public boolean owepreempt() {
        return owepreempt;
    }

    /** @return whether the CPU takes interrupts */
    public boolean interruptsEnabled() {
        return interruptsEnabled;
    }

    /** @return {@code td_intr_nesting_level}: above 0 in primary interrupt context */
    public int intrNesting() {
        return intrNesting;
    }

    /** @return whether the CPU has an interrupt in service that has not been EOI'd */
    public boolean eoiPending() {
        return eoiPending;
    }

    /** @return whether the thread runs an SMP rendezvous handler */
    public boolean inRendezvous() {
        return inRendezvous;
    }

    /** @return whether the thread cannot migrate (pinned or bound) */
    public boolean pinned() {
        return pinned;
    }

    /** @return whether the thread holds its thread lock (the sched lock) */
    public boolean threadLockHeld() {
        return threadLockHeld;
    }

    /** @return {@code md_spinlock_count} */
    public int spinlockCount() {
        return spinlockCount;
    }

    /** @return the machine's scheduling-point count: simulated time */
    public long step() {
        return step;
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
        return cpuSteps;
    }

    /**
     * @return whether the thread's machine has stopped: its run ended, and the thread only unwinds
     *     (in PARALLEL mode the other CPUs run on until their next scheduling point)
     */
    public boolean stopped() {
        return stopped;
    }
}
