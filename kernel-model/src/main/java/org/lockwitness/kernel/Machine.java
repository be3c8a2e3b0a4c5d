package org.lockwitness.kernel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.HaltHook;
import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.Panic;
import org.lockwitness.kernel.probe.RunStart;

/**
 * A simulated SMP machine: CPUs, kernel threads, simulated time, and the scheduling points where
 * interrupts are taken and, in DETERMINISTIC mode, where a {@link Strategy} hands the machine from
 * one CPU to another.
 *
 * <p>Design: every kernel thread runs on its own daemon platform thread but only while it holds a
 * baton. Each CPU's {@code curthread} is a baton for that CPU; in DETERMINISTIC mode a second baton,
 * {@code activeCpu}, lets only one CPU run at all. A context switch writes the CPU's
 * {@code curthread} and unparks the incoming thread; a CPU hand-over writes {@code activeCpu} and
 * unparks that CPU's thread. Both are volatile writes after all model state changes, so the incoming
 * thread sees them. Nothing a decision depends on comes from wall time, identity hashes, hash
 * iteration or Java thread ids; the same seed gives the same {@link Trace}.
 *
 * <p>No Java monitor, {@code java.util.concurrent} lock or other host-level wait is ever held across
 * a scheduling point: a kernel thread that kept one while the baton moved on would block the next
 * kernel thread that wants it on the host, baton in hand, and stall the machine for good. So the
 * machine's own bookkeeping is lock-free (atomics, a concurrent queue), a model object built
 * lazily during the run is built in an {@linkplain #atomically atomic section} and published with a
 * compare-and-set, and the few monitors left in the model guard leaf code that reaches no
 * scheduling point (the allowlist of {@code HostMonitorScanTest} names each, with the reason).
 *
 * <p>A machine runs once. {@link #run(long)} never hangs the JVM: a wall-clock limit stops it
 * whatever the kernel threads do ({@link RunControl}), and a machine stopped that way is poisoned.
 *
 * <p>Thread-safety: {@link #spawn}, {@link #interruptSource} and {@link #run} are called by the
 * controlling thread before or at the start of the run, or by kernel threads during it; everything
 * else is internal to the running machine.
 */
@NoWindows
public final class Machine {

    /** How CPUs are run. */
    public enum Mode {
        /** One CPU runs at a time; a seeded {@link Strategy} picks. Reproducible. */
        DETERMINISTIC,
        /** CPUs run at once. Best effort; not reproducible. */
        PARALLEL
    }

    /** Which {@code smp_rendezvous_action} the machine runs. */
    public enum RendezvousAction {
        /** Before r222254: handlers run at the interrupted thread's critical nesting. */
        HISTORICAL,
        /** r222254: a raw nested critical section around the handlers, owepreempt asserted. */
        FIXED
    }

    private static volatile Machine running;

    static {
        HaltHook.receiver(Machine::requestHalt);
    }

    final Cpu[] cpus;
    final Mode mode;
    final boolean parallel;
    final boolean fullPreemption;
    final RendezvousAction rendezvousAction;
    final Strategy strategy;
    final long seed;
    final long spinLimit;
    final Clock clock;
    final Trace trace = new Trace();
    final Mtx schedLock;
    final Mtx giant;
    final Sleepq sleepq;
    final Mtx turnstileChain;
    final Mtx rmSpinlock = new Mtx("rm_spinlock", Mtx.SPIN | Mtx.INFRASTRUCTURE);
    final Smp.Rendezvous rendezvous;
    final LostWakeups lostWakeups = new LostWakeups(this);
    private final Duration wallClockLimit;
    final RunControl control = new RunControl(this);
    final Kthreads kthreads = new Kthreads(this);
    final SchedulingPoints points;
    private final StartSoftclock softclock = new StartSoftclock(this);
    private final int id;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final AtomicReferenceArray<InterruptSource> sources = new AtomicReferenceArray<>(Irq.HARDCLOCK);
    private final AtomicInteger sourceCount = new AtomicInteger();
    volatile boolean dead;

    Machine(MachineBuilder b) {
        this.id = IDS.incrementAndGet();
        this.mode = b.mode;
        this.parallel = b.mode == Mode.PARALLEL;
        this.fullPreemption = b.fullPreemption;
        this.rendezvousAction = b.rendezvousAction;
        this.seed = b.seed;
        this.strategy = b.strategy != null ? b.strategy : new RandomStrategy(b.seed);
        this.spinLimit = b.spinLimit;
        this.wallClockLimit = b.wallClockLimit;
        this.clock = new Clock(b.stepsPerTick);
        this.schedLock = new Mtx("sched lock", Mtx.SPIN | Mtx.RECURSE | Mtx.INFRASTRUCTURE);
        this.giant = new Mtx("Giant", Mtx.DEF | Mtx.RECURSE);
        this.turnstileChain = new Mtx("turnstile chain", Mtx.SPIN | Mtx.INFRASTRUCTURE);
        this.sleepq = new Sleepq(this);
        this.rendezvous = new Smp.Rendezvous();
        this.cpus = new Cpu[b.cpus];
        // Before the first thread: each thread's snapshot keeps the machine's clock.
        this.points = new SchedulingPoints(this);
        for (int i = 0; i < cpus.length; i++) {
            Cpu c = new Cpu(this, i);
            KThread idle = new KThread(this, "idle: cpu" + i, KThread.PRI_IDLE, null, true, true);
            idle.cpu = c;
            idle.state = KThread.State.RUNNING;
            c.idle = idle;
            c.curthread = idle;
            cpus[i] = c;
            kthreads.addIdle(idle);
        }
    }

    /** @return a builder with 2 CPUs, seed 0, DETERMINISTIC mode and the FIXED rendezvous action */
    public static MachineBuilder builder() {
        return new MachineBuilder();
    }

    /**
     * @return the machine of the calling kernel thread, or the machine that is running
     * @throws IllegalStateException when there is none
     */
    public static Machine current() {
        KThread td = KThread.current();
        Machine m = td != null ? td.machine : running;
        if (m == null) {
            throw new IllegalStateException("no machine is running");
        }
        return m;
    }

    /**
     * An interrupt window: the running CPU may take a pending interrupt here, and in DETERMINISTIC
     * mode the strategy may hand the machine to another CPU. A no-op outside kernel threads.
     */
    public static void window() {
        KThread td = KThread.current();
        if (td != null) {
            td.machine.points.point(td, SchedulingPoint.Kind.WINDOW);
        }
    }

    /**
     * {@code cpu_spinwait}: one iteration of a spin loop. A scheduling point at which the strategy
     * should let another CPU make progress.
     */
    public static void cpuSpinwait() {
        KThread td = KThread.curthread();
        td.machine.points.point(td, SchedulingPoint.Kind.SPIN);
    }

    /**
     * {@code panic}: halts the calling thread's machine with {@code message} as the cause. Does not
     * return.
     *
     * @param message the panic message
     * @return never; declared so callers can write {@code throw Machine.panic(...)}
     */
    @Panic
    public static Error panic(String message) {
        KThread td = KThread.current();
        if (td == null) {
            throw new IllegalStateException("panic outside a kernel thread: " + message);
        }
        td.machine.finish(RunResult.Status.HALTED, "panic: " + message, new KernelPanic(message));
        throw MachineStop.INSTANCE;
    }

    /**
     * Creates a kernel thread. Before {@link #run}, it is queued on a CPU chosen round-robin; during
     * the run it must be called from a kernel thread and goes through {@code sched_add}.
     *
     * @param name     the thread's name
     * @param priority its priority (lower is more urgent)
     * @param body     what it runs
     * @return the thread
     */
    public KThread spawn(String name, int priority, Runnable body) {
        return kthreads.add(name, priority, body, false);
    }

    /**
     * Creates a daemon kernel thread: like {@link #spawn}, but the machine completes without waiting
     * for it (service threads, interrupt threads).
     *
     * @param name     the thread's name
     * @param priority its priority
     * @param body     what it runs
     * @return the thread
     */
    public KThread spawnDaemon(String name, int priority, Runnable body) {
        return kthreads.add(name, priority, body, true);
    }

    /**
     * Creates a device interrupt source routed to a CPU. Add handlers with
     * {@link InterruptSource#addHandler}.
     *
     * @param name            the interrupt's name
     * @param cpu             the CPU it is delivered to
     * @param ithreadPriority the priority of its interrupt thread
     * @return the source
     */
    public InterruptSource interruptSource(String name, int cpu, int ithreadPriority) {
        checkCpu(cpu);
        int vector = sourceCount.getAndUpdate(n -> n < Irq.HARDCLOCK ? n + 1 : n);
        if (vector >= Irq.HARDCLOCK) {
            throw new IllegalStateException("too many interrupt sources");
        }
        InterruptSource s = new InterruptSource(this, name, vector, cpus[cpu], ithreadPriority);
        sources.set(vector, s);
        cpus[cpu].sources.add(s);
        return s;
    }

    /**
     * Runs the machine until every non-daemon thread has exited, it hangs, it halts, or
     * {@code stepLimit} scheduling points pass ({@link RunResult.Status#STEP_LIMIT}). A machine runs
     * once. It tells the installed {@link Checker} when the run starts and, once its kernel threads
     * have stopped, how it ended.
     *
     * @param stepLimit the most scheduling points to run
     * @return how the run ended
     * @throws IllegalStateException if the machine already ran (a timed-out machine is poisoned)
     */
    public RunResult run(long stepLimit) {
        control.begin();
        if (stepLimit <= 0) {
            throw new IllegalArgumentException("stepLimit must be positive");
        }
        points.stepLimit = stepLimit;
        Checker checker = Checker.installed();
        checker.runStarted(new RunStart(id, seed, strategy.name(), mode.name(), cpus.length));
        long t0 = System.nanoTime();
        running = this;
        strategy.start(cpus.length);
        points.activeCpu = 0;
        for (KThread td : threadsSnapshot()) {
            td.carrier.start();
        }
        RunResult result = control.await(wallClockLimit);
        control.stop(result);
        if (running == this) {
            running = null;
        }
        checker.runEnded(RunControl.ended(id, result, System.nanoTime() - t0));
        return result;
    }

    /** @return the number of CPUs */
    public int cpuCount() {
        return cpus.length;
    }

    /** @return the machine's Giant, the sleep mutex named "Giant" */
    public Mtx giant() {
        return giant;
    }

    /** @return the simulated ticks elapsed */
    public long ticks() {
        return clock.ticks();
    }

    /** @return the scheduling points taken so far */
    public long steps() {
        return points.steps();
    }

    /** @return the decision trace so far */
    public Trace trace() {
        return trace;
    }

    /** @return the seed the machine was built with */
    public long seed() {
        return seed;
    }

    /** @return the strategy's name */
    public String strategyName() {
        return strategy.name();
    }

    /** @return the mode */
    public Mode mode() {
        return mode;
    }

    /** @return the rendezvous action this machine runs */
    public RendezvousAction rendezvousAction() {
        return rendezvousAction;
    }

    // ---------------------------------------------------------------- internals

    /** The callout wheel, created with its softclock thread on first use ({@link StartSoftclock}). */
    Softclock softclock() {
        return softclock.get();
    }

    /**
     * Runs {@code section} as one step of the machine: on a kernel thread, its interrupt windows are
     * skipped and any other scheduling point is an error ({@link KThread#atomic}). For building
     * infrastructure's model objects (locks, turnstiles, threads) during the run.
     */
    static <T> T atomically(Supplier<T> section) {
        KThread td = KThread.current();
        if (td == null) {
            return section.get();
        }
        td.atomic++;
        try {
            return section.get();
        } finally {
            td.atomic--;
        }
    }

    String threadGroupName() {
        return "lockwitness-m" + id;
    }

    void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= cpus.length) {
            throw new IllegalArgumentException("no cpu" + cpu + " on a " + cpus.length + "-CPU machine");
        }
    }

    boolean isActive(Cpu c) {
        return parallel || points.activeCpu == c.id;
    }

    /** @return every kernel thread, in creation order */
    List<KThread> threadsSnapshot() {
        return kthreads.snapshot();
    }

    InterruptSource source(int vector) {
        return sources.get(vector);
    }

    private static void requestHalt(String reason) {
        KThread td = KThread.current();
        Machine m = td != null ? td.machine : running;
        if (m != null) {
            m.points.haltRequest = reason == null ? "halted by the checker" : reason;
        }
    }

    /** Ends the run once; later calls are ignored. */
    void finish(RunResult.Status status, String reason, Throwable cause) {
        control.finish(status, reason, cause);
    }
}
