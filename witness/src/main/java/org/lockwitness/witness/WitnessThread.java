package org.lockwitness.witness;

/**
 * The witness's view of one kernel thread: the sleep locks it holds, its shared-lock counts (the
 * reader rule), its rendezvous state, a reentrancy guard, and the context snapshot of the event
 * being reported.
 *
 * <p>Obtain one with {@link Witness#thread(long, String)} and cache it (a field of the model's
 * thread object or a {@code ThreadLocal}). Before each event the caller writes the snapshot with
 * {@link #at}, which returns this handle so that an event reads
 * {@code witness.acquired(t.at(...), lock, instance, site, flags)}.
 *
 * <p>Thread-safety: confined. Only the Java thread running the kernel thread may call {@link #at}
 * or pass the handle to an event.
 */
public final class WitnessThread {
    /**
     * The CPU slot of every Java thread ({@link Witness#javaThread}): above the model's CPUs, so
     * that a Java thread never sees a machine's spin locks; it never holds one.
     */
    static final int JAVA_CPU = 1024;

    final long tid;
    final String name;
    final HeldLocks sleepLocks;
    /** An ordinary Java thread: no CPU, no machine run, never dropped at a run's end. */
    final boolean java;

    private static final int OWEPREEMPT = 1;
    private static final int INTERRUPTS_ENABLED = 1 << 1;
    private static final int EOI_PENDING = 1 << 2;
    private static final int IN_RENDEZVOUS = 1 << 3;
    private static final int PINNED = 1 << 4;

    int cpu;
    /**
     * The context {@link #at} records, in two words so that recording it costs two stores rather
     * than seven (every model event records it, and a store drains at the lock's next fence): the
     * critical-section nesting in the low half of {@code nesting} and the interrupt nesting in the
     * high half, the flags in {@code contextFlags}. Read through {@link #critnest()} and the other
     * accessors below.
     */
    private long nesting;
    private int contextFlags = INTERRUPTS_ENABLED;
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
     * kind ({@link OrderCache#knownAndCount(WitnessThread, int, int, int)}), or 0; and how many
     * acquisitions of it since are not yet in the order cache's count. Written by this thread;
     * read by reports and, once the thread is gone, flushed under the checker lock.
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
        this.sleepLocks = new HeldLocks();
        this.carrier = Thread.currentThread();
        this.java = java;
        this.seenOrders = java ? new SeenOrders() : null;
        if (java) {
            cpu = JAVA_CPU;
        }
    }

    /**
     * Records the context of the event about to be reported and returns this handle.
     *
     * @param cpu the CPU the thread runs on
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
     */
    public WitnessThread at(int cpu, int critnest, boolean owepreempt, boolean interruptsEnabled,
            int interruptNesting, boolean eoiPending, boolean inRendezvous, boolean pinned, long step) {
        this.cpu = cpu;
        this.nesting = (long) interruptNesting << 32 | (critnest & 0xFFFF_FFFFL);
        this.contextFlags = (owepreempt ? OWEPREEMPT : 0) | (interruptsEnabled ? INTERRUPTS_ENABLED : 0)
                | (eoiPending ? EOI_PENDING : 0) | (inRendezvous ? IN_RENDEZVOUS : 0) | (pinned ? PINNED : 0);
        this.step = step;
        return this;
    }

    /** The critical-section nesting {@link #at} recorded ({@code td_critnest}). */
    int critnest() {
        return (int) nesting;
    }

    /** The interrupt nesting {@link #at} recorded: above 0 in primary interrupt context. */
    int interruptNesting() {
        return (int) (nesting >>> 32);
    }

    /** The deferred preemption flag {@link #at} recorded ({@code td_owepreempt}). */
    boolean owepreempt() {
        return (contextFlags & OWEPREEMPT) != 0;
    }

    /** Whether interrupts were enabled on the CPU, as {@link #at} recorded. */
    boolean interruptsEnabled() {
        return (contextFlags & INTERRUPTS_ENABLED) != 0;
    }

    /** Whether the interrupt being handled had not been EOI'd, as {@link #at} recorded. */
    boolean eoiPending() {
        return (contextFlags & EOI_PENDING) != 0;
    }

    /** Whether the CPU ran an SMP rendezvous handler, as {@link #at} recorded. */
    boolean inRendezvous() {
        return (contextFlags & IN_RENDEZVOUS) != 0;
    }

    /** Whether the thread was pinned to its CPU ({@code sched_pin}), as {@link #at} recorded. */
    boolean pinned() {
        return (contextFlags & PINNED) != 0;
    }

    /**
     * Whether the recorded context is ordinary as far as the thread's own state goes: no critical
     * section, no interrupt, no rendezvous handler, interrupts on. One compare per word.
     */
    boolean ordinaryContext() {
        return nesting == 0 & (contextFlags & (IN_RENDEZVOUS | INTERRUPTS_ENABLED)) == INTERRUPTS_ENABLED;
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
