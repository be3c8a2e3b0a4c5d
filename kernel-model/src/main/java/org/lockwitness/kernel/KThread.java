package org.lockwitness.kernel;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.Shared;

/**
 * A kernel thread ({@code struct thread}). Each runs on its own daemon Java platform thread, and
 * only while it owns a CPU: the machine passes a baton, so in DETERMINISTIC mode exactly one kernel
 * thread runs at a time and in PARALLEL mode one per CPU.
 *
 * <p>Priorities follow FreeBSD: a lower number is more urgent. Interrupt threads run at
 * {@link #PRI_MIN_ITHD}..{@link #PRI_MAX_ITHD}.
 *
 * <p>Thread-safety: the fields are owned by the thread itself, or by whoever holds the machine's
 * sched lock; public accessors may be read from any thread but are only exact from the thread
 * itself or when the machine is stopped.
 */
@NoWindows
public final class KThread {

    /** Most urgent interrupt-thread priority. */
    public static final int PRI_MIN_ITHD = 0;
    /** Least urgent interrupt-thread priority; anything up to it preempts at once. */
    public static final int PRI_MAX_ITHD = 47;
    /** Network interrupt threads ({@code PI_NET}). */
    public static final int PI_NET = PRI_MIN_ITHD + 16;
    /** Software interrupt threads ({@code PI_SOFT}). */
    public static final int PI_SOFT = PRI_MIN_ITHD + 36;
    /** First real-time priority. */
    public static final int PRI_MIN_REALTIME = 48;
    /** First kernel-thread priority ({@code PRI_MIN_KERN}). */
    public static final int PRI_MIN_KERN = 80;
    /** First time-sharing priority. */
    public static final int PRI_MIN_TIMESHARE = 120;
    /** Priority of the idle threads ({@code PRI_MAX_IDLE}). */
    public static final int PRI_IDLE = 255;

    /** What a kernel thread is doing. */
    public enum State {
        /** Created, not yet run. */
        NEW,
        /** On a run queue. */
        RUNQ,
        /** Running on a CPU. */
        RUNNING,
        /** Asleep on a sleep queue ({@code TD_SET_SLEEPING}). */
        SLEEPING,
        /** Blocked on a turnstile for a lock ({@code TD_SET_LOCK}). */
        LOCK,
        /** An interrupt thread waiting for its interrupt ({@code TD_SET_IWAIT}). */
        IWAIT,
        /** Exited. */
        EXITED
    }

    final Machine machine;
    final String name;
    final long tid;
    final Runnable body;
    final boolean idle;
    final boolean daemon;
    final Carrier carrier;

    final int basePriority;
    int priority;

    /** {@code td_critnest}. */
    @Shared
    int critnest;
    /** {@code td_owepreempt}. */
    @Shared
    boolean owepreempt;
    /** {@code td_md.md_spinlock_count}. */
    int spinlockCount;
    /** {@code td_md.md_saved_flags}: the interrupt state {@code spinlock_exit} restores. */
    boolean spinlockSavedIntr = true;
    /** {@code td_intr_nesting_level}. */
    int intrNesting;
    /** True while the thread runs {@code smp_rendezvous_action}. */
    boolean inRendezvous;
    /** {@code td_pinned}. */
    int pinned;
    /** {@code td_rw_rlocks}, {@code td_sx_slocks}: read holds of rw and sx locks (the reader rule). */
    int rwRlocks, sxSlocks;
    /** The CPU the thread is bound to ({@code sched_bind}), or -1. */
    int boundCpu = -1;

    /** The CPU the thread runs on, or last ran on, or is queued for. */
    volatile Cpu cpu;
    volatile State state = State.NEW;
    /** What the thread waits for, for hang reports. */
    volatile String waitingFor = "";

    /** The sleep queue wait channel ({@code td_wchan}), or null. */
    Object wchan;
    /** Set when a sleep ended by its timeout. */
    boolean timedOut;
    /** The pending sleep timeout, or null. */
    Clock.Timer sleepTimer;
    /** Sequence number for FIFO order within a priority. */
    long runqSeq;

    /** This thread's {@code MTX_CONTESTED} mark in the lock words it owns. */
    final Mtx.Contested contested = new Mtx.Contested(this);
    /** Counts sleeps, so a stale timeout is recognised. */
    long sleepGeneration;

    /** True for interrupt and software-interrupt threads. */
    boolean ithread;

    /**
     * Nesting of {@link Machine#atomically} sections: infrastructure building model objects, where
     * the thread takes no scheduling point (windows are skipped, anything else is an error).
     */
    int atomic;

    /** The lock this thread blocks on, for deadlock detection, or null. */
    LockObject blockedOn;
    /** Scheduling point of the last release of a lock the thread could have checked state under. */
    long lastRelease;
    /**
     * A wakeup that came, with no sleeper, between this thread's last check and its sleep: after
     * {@link #lastRelease} for a sleep without interlock, or while it held its interlock for one
     * with an interlock.
     */
    LostWakeups.Lost lostWakeup;
    /**
     * Whether the current sleep never times out and its last check is known: no interlock, or an
     * interlock held exclusively (not Giant) since the check.
     */
    boolean foreverSleep;

    /** LWKT tokens held, in acquisition order ({@code td_toks}). */
    final Token[] tokens = new Token[Token.LWKT_MAXTOKENS];
    /** Whether each token reference is shared. */
    final boolean[] tokenShared = new boolean[Token.LWKT_MAXTOKENS];
    /** Number of token references. */
    int tokenCount;
    /** Whether the token references are currently acquired (false while switched out). */
    boolean tokensAcquired = true;

    /** The trap-frame lines of the interrupts this thread is handling, outermost first. */
    private String[] interruptLabels = new String[4];
    private int interruptDepth;

    private static final int SPINS_BEFORE_PARK = 2000;

    private final Snapshot snapshot;
    /**
     * {@code td_witness}-style slot: per-thread state of a checker, opaque to the model (FreeBSD keeps
     * the witness's per-thread state in {@code struct thread}, {@code td_sleeplocks}). Read and
     * written only by the thread itself.
     */
    private Object checkerSlot;

    KThread(Machine machine, String name, int priority, Runnable body, boolean idle, boolean daemon) {
        this.machine = machine;
        this.name = name;
        this.tid = machine.kthreads.nextTid();
        this.body = body;
        this.idle = idle;
        this.daemon = daemon || idle;
        this.basePriority = priority;
        this.priority = priority;
        if (!idle) {
            // fork_exit: a new thread first runs inside mi_switch's hand-off, holding the sched lock.
            critnest = 1;
            spinlockCount = 1;
        }
        this.carrier = new Carrier(this);
        this.snapshot = new Snapshot(this);
    }

    /**
     * @return the kernel thread running on the calling Java thread
     * @throws IllegalStateException if the caller is not a kernel thread
     */
    public static KThread curthread() {
        KThread td = current();
        if (td == null) {
            throw new IllegalStateException("not on a kernel thread");
        }
        return td;
    }

    /**
     * @return the kernel thread running on the calling Java thread, or null when the caller is not a
     *     kernel thread; never throws
     */
    public static KThread current() {
        return Thread.currentThread() instanceof Carrier c ? c.td : null;
    }

    /**
     * The trap-frame line of an interrupt or IPI this thread is handling, such as
     * {@code --- interrupt 5 (nic) ---} or {@code --- IPI rendezvous ---}: the innermost for
     * {@code k} 0, the one it interrupted for 1, and so on. A stack shows it at the frame of
     * {@code Interrupts.deliver}, between the handler's frames and the interrupted code's. Read on
     * the thread itself.
     *
     * @param k how many interrupts inward from the innermost
     * @return the line, or null when the thread handles fewer than {@code k + 1} interrupts
     */
    public String interruptLabel(int k) {
        return k >= 0 && k < interruptDepth ? interruptLabels[interruptDepth - 1 - k] : null;
    }

    void pushInterruptLabel(String label) {
        if (interruptDepth == interruptLabels.length) {
            interruptLabels = Arrays.copyOf(interruptLabels, interruptDepth * 2);
        }
        interruptLabels[interruptDepth++] = label;
    }

    void popInterruptLabel() {
        interruptLabels[--interruptDepth] = null;
    }

    /** @return the thread's name */
    public String name() {
        return name;
    }

    /** @return the thread id, unique within its machine, assigned in creation order */
    public long tid() {
        return tid;
    }

    /** @return the current (possibly lent) priority */
    public int priority() {
        return priority;
    }

    /** @return the machine this thread belongs to */
    public Machine machine() {
        return machine;
    }

    /** @return what the thread is doing */
    public State state() {
        return state;
    }

    /** @return true for the per-CPU idle threads */
    public boolean isIdle() {
        return idle;
    }

    /** @return true for interrupt threads */
    public boolean isIthread() {
        return ithread;
    }

    /** @return the id of the CPU the thread runs on or last ran on, or -1 */
    public int cpuId() {
        Cpu c = cpu;
        return c == null ? -1 : c.id;
    }

    /**
     * Binds this not-yet-started thread to a CPU ({@code sched_bind}); for a running thread use
     * {@link Sched#bind(int)}.
     *
     * @param cpuId the CPU
     * @return this thread
     */
    public KThread bindTo(int cpuId) {
        if (state != State.NEW && state != State.RUNQ) {
            throw new IllegalStateException("bindTo on a started thread; use Sched.bind");
        }
        machine.checkCpu(cpuId);
        machine.kthreads.rebind(this, cpuId);
        return this;
    }

    /**
     * Reads the model's state for a probe event into this thread's reusable snapshot. Call it only
     * on the thread itself.
     *
     * @return the refreshed snapshot (the same object each time)
     */
    public Snapshot snapshot() {
        Cpu c = cpu;
        snapshot.fill(c);
        return snapshot;
    }

    /**
     * The checker's per-thread slot ({@code td_witness}): what a checker keeps for this thread, so
     * that it reaches it without a {@code ThreadLocal}. Call it only on the thread itself.
     *
     * @return what {@link #checkerSlot(Object)} stored, or null
     */
    public Object checkerSlot() {
        return checkerSlot;
    }

    /**
     * Stores the checker's per-thread state; the model never reads it. Call it only on the thread itself.
     *
     * @param state the checker's state for this thread
     */
    public void checkerSlot(Object state) {
        checkerSlot = state;
    }

    @Override
    public String toString() {
        return name + "(tid " + tid + ")";
    }

    boolean mayRun() {
        Cpu c = cpu;
        return c != null && c.curthread == this && machine.isActive(c);
    }

    /**
     * Parks until this thread owns its CPU and (in DETERMINISTIC mode) the machine's baton.
     *
     * <p>The current thread of its CPU spins briefly first: it waits only for the machine's baton,
     * which often comes straight back (two CPUs taking turns), and a spin costs far less than a park
     * and an unpark. Any other thread parks at once: it was switched out (preempted, blocked, or an
     * idle thread not chosen), only a context switch on its CPU makes it current again, and that
     * switch unparks it ({@code Sched.switchTo}). A machine has more kernel threads than CPUs (an
     * idle thread per CPU, interrupt threads, the workers); when all of them spun, on a small host
     * they kept the threads that could run off the cores: a run of 200 seeds of the rendezvous test
     * program under line windows took about a third longer on 2 cores.
     */
    void awaitRun() {
        if (atomic != 0) {
            throw new IllegalStateException("switch in an atomic section of " + this);
        }
        Cpu c = cpu;
        if (c != null && c.curthread == this) {
            for (int i = 0; i < SPINS_BEFORE_PARK && !mayRun(); i++) {
                Thread.onSpinWait();
            }
        }
        while (!mayRun()) {
            if (machine.dead) {
                throw MachineStop.INSTANCE;
            }
            LockSupport.park(machine);
        }
        if (machine.dead) {
            throw MachineStop.INSTANCE;
        }
    }

    void unpark() {
        LockSupport.unpark(carrier);
    }

    /** The daemon platform thread that carries a kernel thread. */
    static final class Carrier extends Thread {
        final KThread td;

        Carrier(KThread td) {
            super(td.machine.threadGroupName() + "/" + td.name);
            this.td = td;
            setDaemon(true);
        }

        @Override
        public void run() {
            td.machine.kthreads.runThread(td);
        }
    }
}
