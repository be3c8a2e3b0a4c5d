// Over 400 lines: the public Builder and the scheduling-point core (point, chooseCpu, the idle
// machine) share the machine's fields; the run's start and end live in RunControl and HostStalls,
// the strategy's view in PointView.
package org.lockwitness.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
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
    private final AtomicReference<Softclock> softclock = new AtomicReference<>();
    private final AtomicBoolean softclockClaimed = new AtomicBoolean();
    private final Duration wallClockLimit;
    private final PointView view;
    private final RunControl control = new RunControl(this);
    private final int id;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Queue<KThread> threads = new ConcurrentLinkedQueue<>();
    private final AtomicReferenceArray<InterruptSource> sources = new AtomicReferenceArray<>(Irq.HARDCLOCK);
    private final AtomicInteger sourceCount = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong parallelSteps = new AtomicLong();
    private final AtomicLong tids = new AtomicLong();
    private long steps;
    private long stepLimit;
    private int spawned;
    volatile boolean dead;
    private volatile String haltRequest;
    private volatile int activeCpu;

    private Machine(Builder b) {
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
        for (int i = 0; i < cpus.length; i++) {
            Cpu c = new Cpu(this, i);
            KThread idle = new KThread(this, "idle: cpu" + i, KThread.PRI_IDLE, null, true, true);
            idle.cpu = c;
            idle.state = KThread.State.RUNNING;
            c.idle = idle;
            c.curthread = idle;
            cpus[i] = c;
            threads.add(idle);
        }
        this.view = new PointView(cpus);
    }

    /** @return a builder with 2 CPUs, seed 0, DETERMINISTIC mode and the FIXED rendezvous action */
    public static Builder builder() {
        return new Builder();
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
            td.machine.point(td, SchedulingPoint.Kind.WINDOW);
        }
    }

    /**
     * {@code cpu_spinwait}: one iteration of a spin loop. A scheduling point at which the strategy
     * should let another CPU make progress.
     */
    public static void cpuSpinwait() {
        KThread td = KThread.curthread();
        td.machine.point(td, SchedulingPoint.Kind.SPIN);
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
        return create(name, priority, body, false);
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
        return create(name, priority, body, true);
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
        this.stepLimit = stepLimit;
        Checker checker = Checker.installed();
        checker.runStarted(new RunStart(id, seed, strategy.name(), mode.name(), cpus.length));
        long t0 = System.nanoTime();
        running = this;
        strategy.start(cpus.length);
        activeCpu = 0;
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
        return parallel ? parallelSteps.get() : steps;
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

    /**
     * The callout wheel, created with its softclock thread on first use. Its constructors are kernel
     * code, whose line windows are scheduling points, so it is never built under a monitor: the
     * first caller claims it and builds it in an atomic section, where no other kernel thread can
     * run in DETERMINISTIC mode; in PARALLEL mode another CPU that wants it meanwhile spin-waits.
     */
    Softclock softclock() {
        Softclock sc = softclock.get();
        if (sc != null) {
            return sc;
        }
        if (softclockClaimed.compareAndSet(false, true)) {
            boolean built = false;
            try {
                sc = atomically(() -> new Softclock(this));
                softclock.set(sc);
                built = true;
                return sc;
            } finally {
                if (!built) {
                    softclockClaimed.set(false);
                }
            }
        }
        while ((sc = softclock.get()) == null) {
            cpuSpinwait();
        }
        return sc;
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

    long nextTid() {
        return tids.incrementAndGet();
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
        return parallel || activeCpu == c.id;
    }

    /** @return every kernel thread, in creation order */
    List<KThread> threadsSnapshot() {
        return new ArrayList<>(threads);
    }

    private KThread create(String name, int priority, Runnable body, boolean daemon) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (priority < 0 || priority >= KThread.PRI_IDLE) {
            throw new IllegalArgumentException("priority must be in [0, " + KThread.PRI_IDLE + ")");
        }
        KThread td = new KThread(this, name, priority, body, false, daemon);
        if (!daemon) {
            live.incrementAndGet();
        }
        threads.add(td);
        if (!control.started()) {
            Cpu c = cpus[spawned++ % cpus.length];
            td.cpu = c;
            td.state = KThread.State.RUNQ;
            c.runq.add(td, false);
            return td;
        }
        KThread cur = KThread.current();
        if (cur == null || cur.machine != this) {
            throw new IllegalStateException("spawn on a running machine must come from its kernel threads");
        }
        td.cpu = cur.cpu;
        td.carrier.start();
        Sched.threadLock(cur);
        Sched.schedAdd(td, 0);
        Sched.threadUnlock(cur);
        return td;
    }

    /** Creates a daemon thread that starts in IWAIT on {@code cpu}, for {@link Ithread}. */
    KThread spawnWaiting(String name, int priority, Runnable body, Cpu cpu) {
        KThread td = new KThread(this, name, priority, body, false, true);
        td.ithread = true;
        td.state = KThread.State.IWAIT;
        td.waitingFor = name;
        td.cpu = cpu;
        threads.add(td);
        if (control.started()) {
            td.carrier.start();
        }
        return td;
    }

    void rebind(KThread td, int cpu) {
        if (control.started()) {
            throw new IllegalStateException("bindTo after the machine started; use Sched.bind");
        }
        td.boundCpu = cpu;
        if (td.state == KThread.State.RUNQ && td.cpu != cpus[cpu]) {
            td.cpu.runq.remove(td);
            td.cpu = cpus[cpu];
            cpus[cpu].runq.add(td, false);
        }
    }

    /** The body of every carrier thread. */
    void runThread(KThread td) {
        try {
            td.awaitRun();
            if (td.idle) {
                Sched.idleLoop(td);
            } else {
                Sched.forkExit(td);
                td.body.run();
                Sched.threadExit(td);
            }
        } catch (MachineStop stop) {
            // The machine stopped; this thread just ends.
        } catch (Throwable t) {
            finish(RunResult.Status.HALTED, "uncaught " + t + " in " + td, t);
        }
    }

    /** @return whether only one non-daemon thread is left */
    boolean lastThread() {
        return live.get() == 1;
    }

    void threadExited(KThread td) {
        if (!td.daemon && live.decrementAndGet() == 0) {
            finish(RunResult.Status.COMPLETED, "every thread exited", null);
        }
    }

    /**
     * A scheduling point on the running thread: count it, advance time, maybe take an interrupt,
     * maybe hand the machine to another CPU.
     */
    void point(KThread td, SchedulingPoint.Kind kind) {
        if (td.atomic != 0) {
            if (kind == SchedulingPoint.Kind.WINDOW) {
                return;
            }
            throw new IllegalStateException(kind + " scheduling point in an atomic section of " + td);
        }
        if (dead) {
            throw MachineStop.INSTANCE;
        }
        String halt = haltRequest;
        if (halt != null) {
            finish(RunResult.Status.HALTED, halt, null);
            throw MachineStop.INSTANCE;
        }
        td.cpu.count(kind);
        long now = parallel ? parallelSteps.incrementAndGet() : ++steps;
        if (now > stepLimit) {
            finish(RunResult.Status.STEP_LIMIT, "step limit of " + stepLimit + " scheduling points reached", null);
            throw MachineStop.INSTANCE;
        }
        if (clock.advanceTo(now)) {
            postHardclock();
        }
        Cpu c = td.cpu;
        if (c.intrEnabled) {
            int v = c.nextPending();
            if (v >= 0 && (parallel || strategy.deliver(view.at(kind, now, c), v))) {
                if (!parallel) {
                    trace.record(now, Trace.DELIVER, (c.id << 16) | v);
                }
                Interrupts.deliver(td, c, v);
                c = td.cpu;
            }
        }
        if (parallel) {
            if (kind == SchedulingPoint.Kind.IDLE) {
                parallelIdle();
            } else if (kind == SchedulingPoint.Kind.SPIN) {
                c.spinDelay();
            }
            return;
        }
        if (kind == SchedulingPoint.Kind.IDLE) {
            c.idling = true;
            chooseCpu(td, c, kind, now);
            c.idling = false;
        } else {
            chooseCpu(td, c, kind, now);
        }
    }

    private void chooseCpu(KThread td, Cpu c, SchedulingPoint.Kind kind, long now) {
        PointView v = view.at(kind, now, c);
        int next = strategy.nextCpu(v);
        if (next < 0 || next >= cpus.length || !v.runnable(next)) {
            next = v.runnable(c.id) ? c.id : (v.runnableCount() > 0 ? v.runnableCpu(0) : -1);
        }
        if (next < 0) {
            idleMachine(now);
            return;
        }
        if (next != c.id) {
            trace.record(now, Trace.SWITCH_CPU, next);
            activeCpu = next;
            cpus[next].curthread.unpark();
            td.awaitRun();
        }
    }

    /** No CPU can make progress: jump to the next timer, or end the run. */
    private void idleMachine(long now) {
        if (live.get() == 0) {
            finish(RunResult.Status.COMPLETED, "every thread exited", null);
            throw MachineStop.INSTANCE;
        }
        long tick = clock.jumpToNextTimer();
        if (tick < 0) {
            finish(RunResult.Status.HUNG, "no thread can run and no timer is pending", null);
            throw MachineStop.INSTANCE;
        }
        steps = Math.max(steps, tick * clock.stepsPerTick());
        trace.record(now, Trace.TIME_JUMP, (int) tick);
        postHardclock();
    }

    private void parallelIdle() {
        if (live.get() == 0) {
            finish(RunResult.Status.COMPLETED, "every thread exited", null);
            throw MachineStop.INSTANCE;
        }
        LockSupport.parkNanos(20_000);
    }

    private void postHardclock() {
        for (Cpu c : cpus) {
            c.post(Irq.HARDCLOCK);
        }
    }

    InterruptSource source(int vector) {
        return sources.get(vector);
    }

    private static void requestHalt(String reason) {
        KThread td = KThread.current();
        Machine m = td != null ? td.machine : running;
        if (m != null) {
            m.haltRequest = reason == null ? "halted by the checker" : reason;
        }
    }

    /** Ends the run once; later calls are ignored. */
    void finish(RunResult.Status status, String reason, Throwable cause) {
        control.finish(status, reason, cause);
    }

    /**
     * Configures a {@link Machine}.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Builder {
        private int cpus = 2;
        private long seed;
        private Mode mode = Mode.DETERMINISTIC;
        private Strategy strategy;
        private RendezvousAction rendezvousAction = RendezvousAction.FIXED;
        private boolean fullPreemption;
        private int stepsPerTick = 1000;
        private long spinLimit = 10_000_000L;
        private Duration wallClockLimit = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * @param n the number of CPUs, 1 to 32
         * @return this builder
         */
        public Builder cpus(int n) {
            if (n < 1 || n > 32) {
                throw new IllegalArgumentException("cpus must be in [1, 32]");
            }
            this.cpus = n;
            return this;
        }

        /**
         * @param s the seed of the default strategy
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param m the mode
         * @return this builder
         */
        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m);
            return this;
        }

        /**
         * @param s the strategy to use instead of a {@link RandomStrategy} seeded with the seed
         * @return this builder
         */
        public Builder strategy(Strategy s) {
            this.strategy = Objects.requireNonNull(s);
            return this;
        }

        /**
         * @param a which {@code smp_rendezvous_action} to run
         * @return this builder
         */
        public Builder rendezvousAction(RendezvousAction a) {
            this.rendezvousAction = Objects.requireNonNull(a);
            return this;
        }

        /**
         * @param on FULL_PREEMPTION: preempt for any more urgent thread, not only ithreads
         * @return this builder
         */
        public Builder fullPreemption(boolean on) {
            this.fullPreemption = on;
            return this;
        }

        /**
         * @param n scheduling points per tick
         * @return this builder
         */
        public Builder stepsPerTick(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("stepsPerTick must be positive");
            }
            this.stepsPerTick = n;
            return this;
        }

        /**
         * @param n spin-wait iterations on one spin mutex before the model panics "spin lock held
         *          too long"
         * @return this builder
         */
        public Builder spinLimit(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("spinLimit must be positive");
            }
            this.spinLimit = n;
            return this;
        }

        /**
         * @param d the wall-clock limit of {@link Machine#run}
         * @return this builder
         */
        public Builder wallClockLimit(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("wallClockLimit must be positive");
            }
            this.wallClockLimit = d;
            return this;
        }

        /** @return the machine */
        public Machine build() {
            return new Machine(this);
        }
    }
}
