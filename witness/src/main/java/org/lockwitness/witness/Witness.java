package org.lockwitness.witness;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.lockwitness.witness.report.ReportSnapshot;

/**
 * WITNESS for the JVM: a lock-order and context checker fed with the events of a simulated SMP kernel. It knows nothing
 * of the model: the caller (the agent) turns each probe into one call here.
 *
 * <h2>Identities</h2>
 * <ul>
 *   <li><b>Lock</b>: {@link #enroll(String, LockKind, int)} returns an int (FreeBSD's {@code lo_witness}) that the
 *       caller caches in the lock object and passes as {@code lock} to every event; {@link #UNTRACKED} (0) makes every
 *       event a no-op. The class of a lock is its name.</li>
 *   <li><b>Instance</b>: a caller-chosen non-zero {@code long} telling two locks of one name apart; 0 is "no lock".</li>
 *   <li><b>Site</b>: {@link #site(String, int, String)} returns a constant id for a call site; 0 is unknown, in which
 *       case the slow path uses the first stack frame outside the configured frame filter.</li>
 *   <li><b>Thread</b>: {@link #thread(long, String)} returns a {@link WitnessThread} the caller caches; before each
 *       event it writes the context snapshot with {@link WitnessThread#at}, except before
 *       {@link #acquiredCommon} and {@link #releaseCommon}, which read none.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * Re-acquiring in an order already seen reads per-thread state, per-CPU state and one entry of the order cache, and
 * allocates nothing. Only a never-seen edge, a reversal or a finding takes the slow path (one lock, a stack capture,
 * the order graph, whose incremental topological order bounds the search to the region a new order affects).
 *
 * <h2>Where the API is declared</h2>
 * This class takes lock init, the lock events and the thread handles (the entry points of {@code subr_witness.c}:
 * {@code witness_init}, {@code witness_checkorder}, {@code witness_lock}, {@code witness_unlock},
 * {@code witness_upgrade}, {@code witness_downgrade}, {@code witness_assert}, {@code witness_destroy},
 * {@code witness_thread_exit}) and the findings and reports. The context events (critical sections, interrupts,
 * rendezvous, sleeps, switches, per-CPU data, required locks) and the machine's verdicts (deadlock, lost wakeup) are
 * declared in a package-private superclass, and the events and questions of ordinary Java threads (their handles,
 * start and join, {@code holds}, {@code mayHoldClass}, {@code orderKnown}) in another; they are public methods of
 * this class all the same.
 *
 * <h2>Thread-safety and failure</h2>
 * All methods are thread-safe, subject to {@link WitnessThread}'s confinement: a handle is used only by its own thread,
 * and the events of a CPU come from the thread running on it. No event method throws: an exception inside the checker
 * becomes a {@link Rule#CHECKER_FAULT} finding. A {@link Policy#PANIC} finding calls the options' panic handler after
 * it is recorded.
 */
public final class Witness extends JavaThreadEvents {
    // The guard, the fault net and the wiring of the rule families, with their design: EventGuard.

    /** The lock id of a lock the witness does not track (NOWITNESS, disabled, or a bad enroll). */
    public static final int UNTRACKED = 0;

    private Witness(WitnessOptions options) {
        super(options);
    }

    /** Creates a witness with these options. */
    public static Witness create(WitnessOptions options) {
        return new Witness(Objects.requireNonNull(options));
    }

    /**
     * Lock init ({@code witness_init}): enrolls a lock of class {@code name} and returns its lock id, to be cached in
     * the lock object and passed to every event. Locks of one name share a class (FreeBSD's witness type). The id also
     * carries this lock's flags and kind, so two locks of one name may differ in DUPOK or RECURSE.
     *
     * <p>Returns {@link #UNTRACKED} for a NOWITNESS lock, when the checker is disabled, when the name was enrolled
     * before with another kind ({@link Rule#KIND_MISMATCH}, "lock (%s) %s does not match earlier (%s) lock"), or when
     * the class table is full (one {@link Rule#CHECKER_EXHAUSTED} finding, after which the checker disables itself and
     * every event is a no-op). Flags the kind does not allow are dropped with a KIND_MISMATCH finding. Thread-safe;
     * takes the checker lock.
     *
     * @param name the lock's name, e.g. {@code "Giant"}; the sleep mutex "Giant" gets Giant's rules
     * @param kind the lock's class
     * @param flags {@link LockFlags}
     */
    public int enroll(String name, LockKind kind, int flags) {
        int[] id = new int[1];
        if ((flags & LockFlags.NOWITNESS) == 0 && !state.disabled) {
            try {
                enrollment.enroll(name, kind, flags, id);
            } catch (Throwable e) {
                fault(e, "enroll");
            }
        }
        return id[0];
    }

    /** Registers a call site once and returns its constant id (never 0). Thread-safe. */
    public int site(String file, int line, String method) {
        return state.sites.register(file, line, method);
    }

    /**
     * Creates the handle of a kernel thread; the caller caches it and passes it to every event of that thread.
     * Thread-safe.
     */
    public WitnessThread thread(long tid, String name) {
        return state.addThread(new WitnessThread(tid, name));
    }

    /**
     * A blocking acquire, reported <em>before</em> it blocks ({@code witness_checkorder}); never called for
     * try-acquires. In order, at most one finding: {@link Rule#KIND_MISMATCH} if {@link OpFlags#SPIN_OP} disagrees with
     * the kind; for sleep locks the context rules by precedence {@link Rule#SLEEP_LOCK_IN_INTERRUPT} &gt;
     * {@link Rule#PREEMPT_IN_RENDEZVOUS} &gt; {@link Rule#SLEEP_LOCK_UNDER_SPIN} &gt;
     * {@link Rule#SLEEP_LOCK_IN_CRITICAL}; then against the locks held (this thread's sleep locks, or this CPU's spin
     * locks): {@link Rule#RECURSION} for an instance already held in a conflicting mode or without RECURSE,
     * {@link Rule#DUPLICATE_LOCK_TYPE} once per class (for Java kinds, {@link LockKind#isJava()}, instead a
     * {@link Rule#LOCK_ORDER_REVERSAL} once two instances of the class were nested in both orders with no
     * common lock held both times), {@link Rule#LOCK_ORDER_REVERSAL} once per class pair. Otherwise
     * records the order plock -&gt; lock, plock being the most recently acquired held lock other than
     * {@code interlock}; a new pair that the full order table cannot take is one {@link Rule#CHECKER_EXHAUSTED}
     * finding, after which the checker disables itself.
     *
     * @param t the thread's handle, with the snapshot of this moment
     * @param lock the lock id from {@link #enroll}
     * @param instance the lock instance
     * @param site the site id
     * @param flags {@link OpFlags}: SHARED, SPIN_OP, NOSLEEP, DUPOK
     * @param interlock the instance of the held interlock passed to the primitive, or 0
     */
    public void checkOrder(WitnessThread t, int lock, long instance, int site, int flags, long interlock) {
        if (!ignores(t, lock)) {
            try {
                t.blockingSite = site;
                if (!order.known(t, lock, flags, interlock)) {
                    order.checkOrder(t, lock, instance, site, flags, interlock);
                }
            } catch (Throwable e) {
                fault(e, "checkOrder");
            }
        }
    }

    /**
     * A successful acquire ({@code witness_lock}), blocking or try ({@link OpFlags#TRY}), shared
     * ({@link OpFlags#SHARED}) or exclusive. The lock becomes held by the thread (sleep locks) or by the CPU (spin
     * locks); acquiring a held instance again counts a recursion. A try-acquire is not order-checked, but
     * {@link Rule#KIND_MISMATCH} and {@link Rule#RECURSION} are checked for it here since it had no
     * {@link #checkOrder}. For spin locks this also feeds {@link Rule#IRQ_INVERSION}: acquired in primary interrupt
     * context, or with interrupts on.
     */
    public void acquired(WitnessThread t, int lock, long instance, int site, int flags) {
        if (!ignores(t, lock)) {
            try {
                if (!HoldRules.pushed(t, lock, instance, site, flags)) {
                    holds.acquired(t, lock, instance, site, flags);
                }
            } catch (Throwable e) {
                fault(e, "acquired");
            }
        }
    }

    /**
     * The common case of {@link #acquired}, for a caller that copies the thread's context only when
     * it must: an exclusive, blocking acquire of a sleep lock of a class the thread does not hold,
     * outside any rendezvous handler, other than a Java read/write or stamped lock, is recorded
     * exactly as {@link #acquired} records it, without reading the context that
     * {@link WitnessThread#at} wrote; so the caller may skip {@code at} before this call. An event the
     * guard ignores is done too.
     *
     * @return true when the event is done; false, having changed nothing, for any other acquire:
     *     the caller then writes the context with {@link WitnessThread#at} and calls
     *     {@link #acquired}
     */
    public boolean acquiredCommon(WitnessThread t, int lock, long instance, int site, int flags) {
        try {
            return ignores(t, lock) || HoldRules.pushed(t, lock, instance, site, flags);
        } catch (Throwable e) {
            fault(e, "acquired");
            return true;
        }
    }

    /**
     * A release ({@code witness_unlock}), shared ({@link OpFlags#SHARED}) or exclusive, through the spin API
     * ({@link OpFlags#SPIN_OP}) or not. {@link Rule#RELEASE_NOT_OWNED} if the instance is not held by this thread
     * (sleep) or CPU (spin) or is held in the other mode; {@link Rule#KIND_MISMATCH} for the wrong API;
     * {@link Rule#SPIN_HELD_TOO_LONG} if a spin lock was held for more than the bound in scheduling points. A recursed
     * lock only loses one level.
     */
    public void release(WitnessThread t, int lock, long instance, int site, int flags) {
        if (!ignores(t, lock)) {
            try {
                if (!HoldRules.popped(t, lock, instance, flags)) {
                    holds.release(t, lock, instance, site, flags);
                }
            } catch (Throwable e) {
                fault(e, "release");
            }
        }
    }

    /**
     * The common case of {@link #release}, as {@link #acquiredCommon} is of {@link #acquired}: the
     * exclusive, unrecursed release of the thread's newest sleep lock through the sleep API,
     * outside any rendezvous handler, is recorded exactly as {@link #release} records it, without
     * reading the context. An event the guard ignores is done too.
     *
     * @return true when the event is done; false, having changed nothing, for any other release:
     *     the caller then writes the context with {@link WitnessThread#at} and calls
     *     {@link #release}
     */
    public boolean releaseCommon(WitnessThread t, int lock, long instance, int flags) {
        try {
            return ignores(t, lock) || HoldRules.popped(t, lock, instance, flags);
        } catch (Throwable e) {
            fault(e, "release");
            return true;
        }
    }

    /**
     * An upgrade from shared to exclusive ({@code witness_upgrade}); {@link Rule#BAD_UPGRADE} with FreeBSD's messages
     * for a non-upgradable, spin, unlocked, exclusive or recursed lock.
     */
    public void upgrade(WitnessThread t, int lock, long instance, int site) {
        event(ignores(t, lock), "upgrade", () -> holds.changeMode(t, lock, instance, site, true));
    }

    /**
     * An upgrade attempt ({@code sx_try_upgrade}, {@code rw_try_upgrade}), reported on entry, before it may fail:
     * {@link Rule#BAD_UPGRADE} as {@link #upgrade} says when the lock is not held shared by this thread (or is of the
     * wrong kind, or recursed). A successful attempt is then reported with {@link #upgrade}, which changes the mode;
     * callers skip that call after a refused attempt, which has been reported already.
     *
     * @return false when the attempt was reported bad (one finding); true otherwise
     */
    public boolean upgradeAttempt(WitnessThread t, int lock, long instance, int site) {
        if (ignores(t, lock)) {
            return true;
        }
        try {
            return holds.upgradeAttempt(t, lock, instance, site);
        } catch (Throwable e) {
            fault(e, "upgradeAttempt");
            return true;
        }
    }

    /** A downgrade from exclusive to shared ({@code witness_downgrade}); the mirror of {@link #upgrade}. */
    public void downgrade(WitnessThread t, int lock, long instance, int site) {
        event(ignores(t, lock), "downgrade", () -> holds.changeMode(t, lock, instance, site, false));
    }

    /**
     * Lock destroy ({@code witness_destroy}): {@link Rule#DESTROY_HELD} if the instance is held by any known thread or
     * on any CPU. The class and its orders persist, as in FreeBSD.
     */
    public void destroy(WitnessThread t, int lock, long instance, int site) {
        event(ignores(t, lock), "destroy", () -> holds.destroy(t, lock, instance, site));
    }

    /**
     * Progress of a contended spin acquire: the caller has spun on {@code instance} for {@code spunSteps} scheduling
     * points. {@link Rule#SPIN_HELD_TOO_LONG} past the bound.
     */
    public void spinWait(WitnessThread t, int lock, long instance, int site, long spunSteps) {
        event(ignores(t, lock), "spinWait", () -> holds.spinWait(t, lock, instance, site, spunSteps));
    }

    /**
     * A lock assertion ({@code witness_assert}) with {@link LockAssert} flags, checked against the witness's own held
     * state: this thread's sleep locks or this CPU's spin locks. {@link Rule#ASSERTION_FAILED} with FreeBSD's messages
     * when it does not hold.
     */
    public void assertLock(WitnessThread t, int lock, long instance, int what, int site) {
        if (!ignores(t, lock)) {
            try {
                holds.assertLock(t, lock, instance, what, site);
            } catch (Throwable e) {
                fault(e, "assertLock");
            }
        }
    }

    /**
     * The thread exits ({@code witness_thread_exit}): {@link Rule#HELD_AT_EXIT} for each sleep lock it still holds,
     * which are then forgotten. As in FreeBSD's {@code thread_exit}, the handle may still report its last spin-lock and
     * switch events afterwards.
     */
    public void threadExit(WitnessThread t, int site) {
        event(ignores(t), "threadExit", () -> holds.threadExit(t, site));
    }

    /**
     * Records an exception of the checker or of its caller's glue as a {@link Rule#CHECKER_FAULT} finding, keyed by
     * {@code where} and the exception class. Never throws.
     */
    public void fault(Throwable error, String where) {
        dispatch.fault(error, where);
    }

    /** A snapshot of all findings, in order of first occurrence. Thread-safe. */
    public List<Finding> findings() {
        return state.findings();
    }

    /**
     * The stable key of one of this witness's findings ({@link FindingKey}), each lock class with the kind this
     * witness knows, as {@code witness.json} writes it. Thread-safe.
     */
    public FindingKey key(Finding f) {
        return FindingKey.of(f, state::kindOf);
    }

    /** True if a finding of a rule with policy FAIL or PANIC was recorded. Thread-safe. */
    public boolean hasFailures() {
        return state.failed();
    }

    /** False once the checker disabled itself (class table or order table exhausted). */
    public boolean isEnabled() {
        return !state.disabled;
    }

    /** Sets {@code witness.json}'s {@code run} object (seed may be null); machine runs refine it ({@link #runs()}). */
    public void runInfo(String command, Long seed, String strategy, String replayCommand) {
        state.run.set(command, seed, strategy, replayCommand);
    }

    /** The machine runs: the schedule, each run's start and end, kernel panics ({@link Runs}). Thread-safe. */
    public Runs runs() {
        return runs;
    }

    /**
     * Registers an instrumentation counter shown in {@code witness.json}'s {@code instrumentation} object (e.g.
     * "classesTransformed", "probesWoven", "windows", "eventsSeen"); the supplier is read each time a report is
     * written, on the report thread.
     */
    public void instrumentation(String name, LongSupplier value) {
        state.run.counter(name, value);
    }

    /**
     * Writes {@code witness.txt}, {@code witness.json}, {@code lock-order.dot} and one DOT file per reversal to the
     * report directory now, each atomically, all from one snapshot whose number each file states (a file that cannot
     * be written does not stop the others); a no-op without a report directory. Thread-safe.
     *
     * @throws UncheckedIOException for the first file that could not be written
     */
    public void writeReports() {
        dispatch.reports.writeNow();
    }

    /**
     * Stops the report thread, waiting for a write in progress; reports are then written only by
     * {@link #writeReports()}: at exit close, then write once. Events still work. Thread-safe.
     */
    public void close() {
        dispatch.reports.close();
    }

    /**
     * Forgets orders, reversals, findings, held locks and stored stacks, for the next explored schedule. Lock ids, site
     * ids and thread handles stay valid, declared orders and the machine runs' record stay. Call only while no other
     * thread reports events.
     */
    public void reset() {
        state.reset();
        machine.reset();
    }

    /** The report snapshot, for tests. Thread-safe. */
    ReportSnapshot snapshot() {
        return state.snapshot();
    }
}
