package org.lockwitness.witness;

/**
 * The witness's view of one kernel thread: the sleep locks it holds, its shared-lock counts (the
 * reader rule), its rendezvous state, a reentrancy guard, and the context snapshot of the event
 * being reported.
 *
 * <p>Obtain one with {@link Witness#thread(long, String)} and cache it (a field of the model's
 * thread object or a {@code ThreadLocal}). Before each event the caller writes the snapshot with
 * {@link #at}, which returns this handle so that an event reads
 * {@code witness.acquired(t.at(...), lock, instance, site, flags)}; the common cases of a hold and
 * a release ({@link Witness#acquiredCommon}, {@link Witness#releaseCommon}) read no context, so a
 * caller may write it only when they decline.
 *
 * <p>The handle is its thread's list of held sleep locks: it extends {@link HeldLocks}, so that the
 * list's fields are the handle's own and the fast path reaches them without a load through a field
 * (as the agent's Java-thread state extends its mirror of held locks). Measured side by side, this
 * took about 0.8 ns off the witness's known-order pair of about 15. Code outside the list's own
 * methods reaches it through {@link #sleepLocks()}, never through its fields directly.
 *
 * <p>Thread-safety: confined. Only the Java thread running the kernel thread may call {@link #at}
 * or pass the handle to an event.
 */
public final class WitnessThread extends HeldLocks {
    /**
     * The CPU slot of every Java thread ({@link Witness#javaThread}): above the model's CPUs, so
     * that a Java thread never sees a machine's spin locks; it never holds one.
     */
    static final int JAVA_CPU = 1024;

    final long tid;
    final String name;

    /** {@link #at(int, int, int, int, long)} flag: the thread's deferred preemption flag ({@code td_owepreempt}). */
    public static final int CTX_OWEPREEMPT = 1;
    /** {@link #at(int, int, int, int, long)} flag: interrupts are enabled on the CPU. */
    public static final int CTX_INTERRUPTS_ENABLED = 2;
    /** {@link #at(int, int, int, int, long)} flag: the interrupt being handled has not been EOI'd yet. */
    public static final int CTX_EOI_PENDING = 4;
    /** {@link #at(int, int, int, int, long)} flag: the CPU runs an SMP rendezvous handler. */
    public static final int CTX_IN_RENDEZVOUS = 8;
    /** {@link #at(int, int, int, int, long)} flag: the thread is pinned to its CPU ({@code sched_pin}). */
    public static final int CTX_PINNED = 16;

    /** An ordinary Java thread: no CPU, no machine run, never dropped at a run's end. */
    final boolean java;

    /*
     * The context word's layout: the critical-section nesting in bits 0-31, exactly; the
     * interrupt nesting in bits 32-39, saturated to a signed byte (the rules ask only whether it
     * is positive or zero); the flags in bits 40-44; the CPU in bits 45-63.
     */
    private static final int INTR_SHIFT = 32;
    private static final int FLAG_SHIFT = 40;
    private static final long OWEPREEMPT = (long) CTX_OWEPREEMPT << FLAG_SHIFT;
    private static final long INTERRUPTS_ENABLED = (long) CTX_INTERRUPTS_ENABLED << FLAG_SHIFT;
    private static final long EOI_PENDING = (long) CTX_EOI_PENDING << FLAG_SHIFT;
    private static final long IN_RENDEZVOUS = (long) CTX_IN_RENDEZVOUS << FLAG_SHIFT;
    private static final long PINNED = (long) CTX_PINNED << FLAG_SHIFT;
    private static final int CTX_FLAGS = 0x1F;
    private static final int CPU_SHIFT = 45;
    /** The largest CPU id {@link #at} takes: 524,287. */
    static final int MAX_CPU = (1 << (64 - CPU_SHIFT)) - 1;
    /** The nestings and the two flags that make a context other than ordinary. */
    private static final long ORDINARY_MASK = (1L << (INTR_SHIFT + 8)) - 1 | IN_RENDEZVOUS | INTERRUPTS_ENABLED;

    /**
     * The context {@link #at} records, in one word so that recording it costs one store rather
     * than seven (every model event records it, and a store drains at the lock's next fence):
     * the CPU, both nestings and the flags, as laid out above. Read through {@link #cpu()},
     * {@link #critnest()} and the other accessors below.
     */
    private long context = INTERRUPTS_ENABLED;
    long step;

    /** Shared sx and rw holds ({@code td_sx_slocks}, {@code td_rw_rlocks}), for the reader rule. */
    int sxShared;
    int rwShared;

    int rendezvousDepth;
    boolean rendezvousOwepreempt;
    boolean rendezvousReported;

    /** The state of the CPU this thread last ran on ({@link CpuTable#of}), or null. */
    CpuState cpuState;

    /** Set while the witness calls out (the panic handler); events are ignored meanwhile. */
    boolean busy;

    /** The ordinal of the machine run the handle was made in (0: none), whose end drops it. */
    long run;
    /**
     * The key and the site of the latest finding this thread recorded, or null: a kernel panic of
     * this thread at the same site is that finding's ({@link Runs#panicked}).
     */
    String lastFinding;
    String lastFindingSite;
    /**
     * The site of the thread's latest blocking acquire ({@link Witness#checkOrder}), where a
     * waiter of a {@link Rule#DEADLOCK} blocks; 0 for none or unknown.
     */
    int blockingSite;
    /**
     * The order this thread last found known, as its parent class, child class and dependency
     * kind ({@link OrderCache#memoHit}), or 0; and how many acquisitions of it since are not yet in
     * the order cache's count. Written by this thread; read by reports and, once the thread is
     * gone, flushed under the checker lock.
     */
    long knownOrder;
    int knownOrderCount;
    /**
     * A Java thread's own start/join time ({@link StartJoin}), changed only by its own starts and
     * joins, and the orders it already had seen by the cycle filters; null for a kernel thread.
     */
    int epoch = 1;
    final SeenOrders seenOrders;
    /** The Java thread that made the handle, the kernel thread's carrier, whose stack a deadlock shows. */
    final Thread carrier;

    WitnessThread(long tid, String name) {
        this(tid, name, false);
    }

    WitnessThread(long tid, String name, boolean java) {
        this.tid = tid;
        this.name = name;
        this.carrier = Thread.currentThread();
        this.java = java;
        this.seenOrders = java ? new SeenOrders() : null;
        if (java) {
            context |= (long) JAVA_CPU << CPU_SHIFT;
        }
    }

    /**
     * Records the context of the event about to be reported and returns this handle.
     *
     * @param cpu the CPU the thread runs on, 0 to 524,287
     * @param critnest the thread's critical-section nesting ({@code td_critnest})
     * @param owepreempt the thread's deferred preemption flag ({@code td_owepreempt})
     * @param interruptsEnabled whether interrupts are enabled on the CPU
     * @param interruptNesting interrupt nesting on the CPU; above 0 is primary interrupt context
     *     (a filter or an IPI handler)
     * @param eoiPending whether the interrupt being handled has not been EOI'd yet
     * @param inRendezvous whether the CPU runs an SMP rendezvous handler
     * @param pinned whether the thread is pinned to its CPU ({@code sched_pin})
     * @param step the scheduling points taken so far on the thread's CPU: the own time of the
     *     spin locks that CPU holds, for {@link WitnessOptions.Builder#holdBound}
     * @return this handle
     * @throws IllegalArgumentException for a CPU id outside 0 to 524,287, having changed nothing
     */
    public WitnessThread at(int cpu, int critnest, boolean owepreempt, boolean interruptsEnabled,
            int interruptNesting, boolean eoiPending, boolean inRendezvous, boolean pinned, long step) {
        return at(cpu, critnest, interruptNesting, (owepreempt ? CTX_OWEPREEMPT : 0)
                | (interruptsEnabled ? CTX_INTERRUPTS_ENABLED : 0) | (eoiPending ? CTX_EOI_PENDING : 0)
                | (inRendezvous ? CTX_IN_RENDEZVOUS : 0) | (pinned ? CTX_PINNED : 0), step);
    }

    /**
     * {@link #at(int, int, boolean, boolean, int, boolean, boolean, boolean, long)} with the five
     * facts that are yes or no given as one set of {@code CTX_*} bits, as a caller that keeps them
     * so passes them on without taking them apart. Bits outside the five are ignored.
     *
     * @param cpu the CPU the thread runs on, 0 to 524,287
     * @param critnest the thread's critical-section nesting ({@code td_critnest})
     * @param interruptNesting interrupt nesting on the CPU; above 0 is primary interrupt context
     * @param flags the {@code CTX_*} bits that hold
     * @param step as for the other form
     * @return this handle
     * @throws IllegalArgumentException for a CPU id outside 0 to 524,287, having changed nothing
     */
    public WitnessThread at(int cpu, int critnest, int interruptNesting, int flags, long step) {
        if (cpu < 0 || cpu > MAX_CPU) {
            throw badCpu(cpu);
        }
        this.context = (long) cpu << CPU_SHIFT | (critnest & 0xFFFF_FFFFL)
                | (long) (Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, interruptNesting)) & 0xFF) << INTR_SHIFT
                | (long) (flags & CTX_FLAGS) << FLAG_SHIFT;
        this.step = step;
        return this;
    }

    private static IllegalArgumentException badCpu(int cpu) {
        return new IllegalArgumentException("CPU id " + cpu + " is outside 0.." + MAX_CPU);
    }

    /** The CPU {@link #at} recorded. */
    int cpu() {
        return (int) (context >>> CPU_SHIFT);
    }

    /** The critical-section nesting {@link #at} recorded ({@code td_critnest}). */
    int critnest() {
        return (int) context;
    }

    /**
     * The interrupt nesting {@link #at} recorded: above 0 in primary interrupt context. Its sign
     * and whether it is zero are exact; a magnitude past a byte's reads as the byte's limit.
     */
    int interruptNesting() {
        return (byte) (context >>> INTR_SHIFT);
    }

    /** The deferred preemption flag {@link #at} recorded ({@code td_owepreempt}). */
    boolean owepreempt() {
        return (context & OWEPREEMPT) != 0;
    }

    /** Whether interrupts were enabled on the CPU, as {@link #at} recorded. */
    boolean interruptsEnabled() {
        return (context & INTERRUPTS_ENABLED) != 0;
    }

    /** Whether the interrupt being handled had not been EOI'd, as {@link #at} recorded. */
    boolean eoiPending() {
        return (context & EOI_PENDING) != 0;
    }

    /** Whether the CPU ran an SMP rendezvous handler, as {@link #at} recorded. */
    boolean inRendezvous() {
        return (context & IN_RENDEZVOUS) != 0;
    }

    /** Whether the thread was pinned to its CPU ({@code sched_pin}), as {@link #at} recorded. */
    boolean pinned() {
        return (context & PINNED) != 0;
    }

    /**
     * Whether the recorded context is ordinary as far as the thread's own state goes: no critical
     * section, no interrupt, no rendezvous handler, interrupts on. One mask and one compare.
     */
    boolean ordinaryContext() {
        return (context & ORDINARY_MASK) == INTERRUPTS_ENABLED;
    }

    /** The sleep locks this thread holds: the handle's own list ({@link HeldLocks}). */
    HeldLocks sleepLocks() {
        return this;
    }

    /** The id given at creation. */
    public long id() {
        return tid;
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    boolean inPrimaryInterrupt() {
        return interruptNesting() > 0;
    }

    boolean inRendezvousHandler() {
        return inRendezvous() || rendezvousDepth > 0;
    }

    @Override
    public String toString() {
        return name + " (tid " + tid + ")";
    }
}
