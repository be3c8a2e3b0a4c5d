package org.lockwitness.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * WITNESS for the JVM: a lock-order and context checker fed with the events of a simulated SMP
 * kernel. It knows nothing of the model: the caller (the agent) turns each probe into one call
 * here.
 *
 * <h2>Identities</h2>
 * <ul>
 *   <li><b>Lock</b>: {@link #enroll(String, LockKind, int)} returns an int (FreeBSD's
 *       {@code lo_witness}) that the caller caches in the lock object and passes as {@code lock}
 *       to every event; {@link #UNTRACKED} (0) makes every event a no-op. The class of a lock is
 *       its name.</li>
 *   <li><b>Instance</b>: a caller-chosen non-zero {@code long} that tells two locks of one name
 *       apart (recursion vs duplicate type). 0 means "no lock" where an interlock is optional.</li>
 *   <li><b>Site</b>: {@link #site(String, int, String)} returns a constant id for a call site;
 *       0 is unknown, in which case the slow path uses the first stack frame outside the
 *       configured frame filter.</li>
 *   <li><b>Thread</b>: {@link #thread(long, String)} returns a {@link WitnessThread} the caller
 *       caches; before each event it writes the context snapshot with {@link WitnessThread#at}.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * Re-acquiring in an order already seen reads per-thread state, per-CPU state and one cell of the
 * {@link OrderMatrix}, and allocates nothing. Only a never-seen edge, a reversal or a finding takes
 * the slow path ({@link Checker}: one lock, a stack capture, the JGraphT graph).
 *
 * <h2>Thread-safety and failure</h2>
 * All methods are thread-safe, subject to {@link WitnessThread}'s confinement: a handle is used
 * only by its own thread, and the events of a CPU come from the thread running on it. No event
 * method throws: an exception inside the checker becomes a {@link Rule#CHECKER_FAULT} finding. A
 * {@link Policy#PANIC} finding calls the options' panic handler after it is recorded.
 */
public final class Witness {
    /** The lock id of a lock the witness does not track (NOWITNESS, disabled, or a bad enroll). */
    public static final int UNTRACKED = 0;

    static final int CLASS_MASK = 0xFFFF;
    private static final int FLAG_SHIFT = 16;
    static final int RECURSE_BIT = LockFlags.RECURSE << FLAG_SHIFT;
    static final int DUPOK_BIT = LockFlags.DUPOK << FLAG_SHIFT;
    static final int SLEEPABLE_BIT = LockFlags.SLEEPABLE << FLAG_SHIFT;
    static final int UPGRADABLE_BIT = LockFlags.UPGRADABLE << FLAG_SHIFT;
    static final int SPIN_BIT = 1 << 24;
    static final int GIANT_BIT = 1 << 25;
    private static final int KIND_SHIFT = 26;
    private static final int SX_KIND = LockKind.SX.ordinal();
    private static final int RW_KIND = LockKind.RW.ordinal();
    private static final String PANIC_HANDLER = "panic handler";

    private final WitnessOptions options;
    private final SiteTable sites = new SiteTable();
    private final Checker checker;
    private final OrderMatrix matrix;
    private final RunInfo run = new RunInfo();
    private final ReportWriter writer;
    private volatile CpuState[] cpus = new CpuState[0];
    private volatile boolean disabled;

    private Witness(WitnessOptions options) {
        this.options = options;
        this.checker = new Checker(options, sites);
        this.matrix = checker.matrix;
        this.writer = options.reportDir == null ? null
                : new ReportWriter(options.reportDir, options.debounceMillis, this::snapshot, this::fault);
        slow(null, () -> checker.seedDeclaredOrders() ? null : exhausted(null));
    }

    /** Creates a witness with these options. */
    public static Witness create(WitnessOptions options) {
        return new Witness(Objects.requireNonNull(options));
    }

    // ------------------------------------------------------------------ identities

    /**
     * Lock init ({@code witness_init}): enrolls a lock of class {@code name} and returns its lock
     * id, to be cached in the lock object and passed to every event. Locks of one name share a
     * class (FreeBSD's witness type). The id also carries this lock's flags and kind, so two locks
     * of one name may differ in DUPOK or RECURSE.
     *
     * <p>Returns {@link #UNTRACKED} for a NOWITNESS lock, when the checker is disabled, when the
     * name was enrolled before with another kind ({@link Rule#KIND_MISMATCH}, "lock (%s) %s does
     * not match earlier (%s) lock"), or when the class table is full (one
     * {@link Rule#CHECKER_EXHAUSTED} finding, after which the checker disables itself and every
     * event is a no-op). Flags the kind does not allow are dropped with a KIND_MISMATCH finding.
     * Thread-safe; takes the checker lock.
     *
     * @param name the lock's name, e.g. {@code "Giant"}; the sleep mutex "Giant" gets Giant's rules
     * @param kind the lock's class
     * @param flags {@link LockFlags}
     */
    public int enroll(String name, LockKind kind, int flags) {
        if ((flags & LockFlags.NOWITNESS) != 0 || disabled) {
            return UNTRACKED;
        }
        int[] id = new int[1];
        try {
            slow(null, () -> {
                LockClass c = checker.classFor(name);
                if (c == null) {
                    return exhausted(name);
                }
                if (c.kind == null) {
                    c.flags = (flags & kind.allowedFlags()) | kind.impliedFlags();
                    c.kind = kind;
                } else if (c.kind != kind) {
                    return checker.report(Rule.KIND_MISMATCH, name, "lock (" + kind.className() + ") " + name
                            + " does not match earlier (" + c.className() + ") lock", List.of(name), List.of(),
                            List.of(new Trace("stack backtrace:", checker.stacks.capture())), null);
                }
                int effective = (flags & kind.allowedFlags()) | kind.impliedFlags();
                c.refs++;
                id[0] = c.id | (effective << FLAG_SHIFT) | (kind.isSpin() ? SPIN_BIT : 0)
                        | (c.giant ? GIANT_BIT : 0) | (kind.ordinal() << KIND_SHIFT);
                int bad = flags & ~kind.allowedFlags();
                if (bad != 0) {
                    return checker.report(Rule.KIND_MISMATCH, name, "lock (" + name + ") " + kind.className()
                            + " can not have flags 0x" + Integer.toHexString(bad), List.of(name), List.of(),
                            List.of(), null);
                }
                return null;
            });
        } catch (Throwable e) {
            fault(e, "enroll");
        }
        return id[0];
    }

    /** Registers a call site once and returns its constant id (never 0). Thread-safe. */
    public int site(String file, int line, String method) {
        return sites.register(file, line, method);
    }

    /**
     * Creates the handle of a kernel thread; the caller caches it and passes it to every event of
     * that thread. Thread-safe.
     */
    public WitnessThread thread(long tid, String name) {
        WitnessThread t = new WitnessThread(tid, name, options.classLimit);
        synchronized (checker) {
            checker.threads.add(t);
        }
        return t;
    }

    // ------------------------------------------------------------------ lock events

    /**
     * A blocking acquire, reported <em>before</em> it blocks ({@code witness_checkorder}); never
     * called for try-acquires. In order, at most one finding: {@link Rule#KIND_MISMATCH} if
     * {@link OpFlags#SPIN_OP} disagrees with the kind; for sleep locks the context rules by
     * precedence {@link Rule#SLEEP_LOCK_IN_INTERRUPT} &gt; {@link Rule#PREEMPT_IN_RENDEZVOUS} &gt;
     * {@link Rule#SLEEP_LOCK_UNDER_SPIN} &gt; {@link Rule#SLEEP_LOCK_IN_CRITICAL}; then against the
     * locks held (this thread's sleep locks, or this CPU's spin locks): {@link Rule#RECURSION} for
     * an instance already held in a conflicting mode or without RECURSE,
     * {@link Rule#DUPLICATE_LOCK_TYPE} once per class, {@link Rule#LOCK_ORDER_REVERSAL} once per
     * class pair. Otherwise records the order plock -&gt; lock, plock being the most recently
     * acquired held lock other than {@code interlock}.
     *
     * @param t the thread's handle, with the snapshot of this moment
     * @param lock the lock id from {@link #enroll}
     * @param instance the lock instance
     * @param site the site id
     * @param flags {@link OpFlags}: SHARED, SPIN_OP, NOSLEEP, DUPOK
     * @param interlock the instance of the held interlock passed to the primitive, or 0
     */
    public void checkOrder(WitnessThread t, int lock, long instance, int site, int flags, long interlock) {
        if (lock == UNTRACKED || t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            boolean spin = (lock & SPIN_BIT) != 0;
            CpuState cpu = cpu(t.cpu);
            if (spin != ((flags & OpFlags.SPIN_OP) != 0)) {
                kindMismatch(t, lock, site, flags, false);
                return;
            }
            if (!spin && (t.interruptNesting > 0 || t.inRendezvousHandler() || cpu.spinLocks.depth > 0
                    || t.critnest > 0 || !t.interruptsEnabled)) {
                blockableInContext(t, cpu, lock, site);
                return;
            }
            HeldLocks held = spin ? cpu.spinLocks : t.sleepLocks;
            int top = held.depth - 1;
            if (top >= 0 && interlock != 0 && held.instance[top] == interlock) {
                top--;
            }
            if (top < 0) {
                return;
            }
            int cls = lock & CLASS_MASK;
            int dep = OrderMatrix.dep(!held.exclusive(top), recursiveRead(t, lock, flags));
            if (!held.holdsClass(cls) && matrix.knownAndCount(held.classOf(top), cls, dep)) {
                return;
            }
            slow(t, () -> checker.checkOrder(t, held, lock, instance, site, flags, interlock));
        } catch (Throwable e) {
            fault(e, "checkOrder");
        }
    }

    /**
     * A successful acquire ({@code witness_lock}), blocking or try ({@link OpFlags#TRY}), shared
     * ({@link OpFlags#SHARED}) or exclusive. The lock becomes held by the thread (sleep locks) or
     * by the CPU (spin locks); acquiring a held instance again counts a recursion. A try-acquire
     * is not order-checked, but {@link Rule#KIND_MISMATCH} and {@link Rule#RECURSION} are checked
     * for it here since it had no {@link #checkOrder}. For spin locks this also feeds
     * {@link Rule#IRQ_INVERSION}: acquired in primary interrupt context, or with interrupts on.
     */
    public void acquired(WitnessThread t, int lock, long instance, int site, int flags) {
        if (lock == UNTRACKED || t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            boolean spin = (lock & SPIN_BIT) != 0;
            boolean tried = (flags & OpFlags.TRY) != 0;
            if (tried && spin != ((flags & OpFlags.SPIN_OP) != 0)) {
                kindMismatch(t, lock, site, flags, false);
            }
            CpuState cpu = spin ? cpu(t.cpu) : null;
            HeldLocks held = spin ? cpu.spinLocks : t.sleepLocks;
            boolean shared = (flags & OpFlags.SHARED) != 0;
            int i = held.holdsClass(lock & CLASS_MASK) ? held.find(instance) : -1;
            if (i >= 0) {
                if (tried) {
                    slow(t, () -> checker.recursion(t, held, i, lock, site, flags));
                }
                held.recursed[i]++;
            } else {
                byte mode = (byte) ((shared ? 0 : HeldLocks.EXCLUSIVE)
                        | ((lock & SLEEPABLE_BIT) != 0 && (flags & OpFlags.NOSLEEP) == 0 ? HeldLocks.SLEEPABLE : 0));
                held.push(lock, instance, site, mode, t.step);
            }
            if (shared) {
                countShared(t, lock, 1);
            }
            if (spin && (t.interruptNesting > 0 || t.interruptsEnabled)) {
                markIrq(t, lock, site, t.interruptNesting > 0);
            }
        } catch (Throwable e) {
            fault(e, "acquired");
        }
    }

    /**
     * A release ({@code witness_unlock}), shared ({@link OpFlags#SHARED}) or exclusive, through
     * the spin API ({@link OpFlags#SPIN_OP}) or not. {@link Rule#RELEASE_NOT_OWNED} if the
     * instance is not held by this thread (sleep) or CPU (spin) or is held in the other mode;
     * {@link Rule#KIND_MISMATCH} for the wrong API; {@link Rule#SPIN_HELD_TOO_LONG} if a spin lock
     * was held for more than the bound in scheduling points. A recursed lock only loses one level.
     */
    public void release(WitnessThread t, int lock, long instance, int site, int flags) {
        if (lock == UNTRACKED || t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            boolean spin = (lock & SPIN_BIT) != 0;
            if (spin != ((flags & OpFlags.SPIN_OP) != 0)) {
                kindMismatch(t, lock, site, flags, true);
            }
            HeldLocks held = spin ? cpu(t.cpu).spinLocks : t.sleepLocks;
            int top = held.depth - 1;
            int i = top >= 0 && held.instance[top] == instance ? top : held.find(instance);
            boolean shared = (flags & OpFlags.SHARED) != 0;
            if (i < 0 || held.exclusive(i) == shared) {
                slow(t, () -> notOwned(t, held, i, lock, site, shared));
                if (i < 0) {
                    return;
                }
            }
            if (spin && t.step - held.since[i] > options.spinBound) {
                long heldFor = t.step - held.since[i];
                slow(t, () -> tooLong(t, lock, instance, site, "held for " + heldFor));
            }
            if (held.recursed[i] > 0) {
                held.recursed[i]--;
            } else {
                held.remove(i);
            }
            if (shared) {
                countShared(t, lock, -1);
            }
        } catch (Throwable e) {
            fault(e, "release");
        }
    }

    /**
     * An upgrade from shared to exclusive ({@code witness_upgrade}); {@link Rule#BAD_UPGRADE} with
     * FreeBSD's messages for a non-upgradable, spin, unlocked, exclusive or recursed lock.
     */
    public void upgrade(WitnessThread t, int lock, long instance, int site) {
        changeMode(t, lock, instance, site, true);
    }

    /** A downgrade from exclusive to shared ({@code witness_downgrade}); the mirror of {@link #upgrade}. */
    public void downgrade(WitnessThread t, int lock, long instance, int site) {
        changeMode(t, lock, instance, site, false);
    }

    /**
     * Lock destroy ({@code witness_destroy}): {@link Rule#DESTROY_HELD} if the instance is held by
     * any known thread or on any CPU. The class and its orders persist, as in FreeBSD.
     */
    public void destroy(WitnessThread t, int lock, long instance, int site) {
        if (lock == UNTRACKED || t.busy || disabled) {
            return;
        }
        try {
            slow(t, () -> {
                checker.classes.byId(lock & CLASS_MASK).refs--;
                String holder = holder(lock, instance);
                if (holder == null) {
                    return null;
                }
                String here = checker.siteText(site);
                return checker.reportLock(Rule.DESTROY_HELD, checker.name(lock), "lock (" + checker.className(lock)
                        + ") " + checker.name(lock) + " destroyed while held by " + holder + " @ " + here, lock, here, t);
            });
        } catch (Throwable e) {
            fault(e, "destroy");
        }
    }

    /**
     * Progress of a contended spin acquire: the caller has spun on {@code instance} for
     * {@code spunSteps} scheduling points. {@link Rule#SPIN_HELD_TOO_LONG} past the bound.
     */
    public void spinWait(WitnessThread t, int lock, long instance, int site, long spunSteps) {
        if (lock == UNTRACKED || t.busy || disabled || spunSteps <= options.spinBound) {
            return;
        }
        try {
            slow(t, () -> tooLong(t, lock, instance, site, "spun on for " + spunSteps));
        } catch (Throwable e) {
            fault(e, "spinWait");
        }
    }

    /**
     * A lock assertion ({@code witness_assert}) with {@link LockAssert} flags, checked against
     * the witness's own held state: this thread's sleep locks or this CPU's spin locks.
     * {@link Rule#ASSERTION_FAILED} with FreeBSD's messages when it does not hold.
     */
    public void assertLock(WitnessThread t, int lock, long instance, int what, int site) {
        if (lock == UNTRACKED || t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            HeldLocks held = (lock & SPIN_BIT) != 0 ? cpu(t.cpu).spinLocks : t.sleepLocks;
            int i = held.holdsClass(lock & CLASS_MASK) ? held.find(instance) : -1;
            String problem = LockAssertion.check(what, i >= 0, i >= 0 && held.exclusive(i),
                    i >= 0 && held.recursed[i] > 0);
            if (problem != null) {
                slow(t, () -> {
                    String here = checker.siteText(site);
                    String message = problem.isEmpty() ? "Invalid lock assertion at " + here + "."
                            : "Lock (" + checker.className(lock) + ") " + checker.name(lock) + " " + problem + " @ "
                                    + here + ".";
                    return checker.reportLock(Rule.ASSERTION_FAILED, checker.name(lock) + '\u0000' + here, message,
                            lock, here, t);
                });
            }
        } catch (Throwable e) {
            fault(e, "assertLock");
        }
    }

    // ------------------------------------------------------------------ context events

    /** {@code critical_enter}: a context point (checks an owepreempt change in a rendezvous handler). */
    public void criticalEnter(WitnessThread t, int site) {
        contextPoint(t, site);
    }

    /** {@code critical_exit}: a context point, as {@link #criticalEnter}. */
    public void criticalExit(WitnessThread t, int site) {
        contextPoint(t, site);
    }

    /** Interrupts disabled on the thread's CPU: a context point. */
    public void interruptsOff(WitnessThread t, int site) {
        contextPoint(t, site);
    }

    /**
     * Interrupts enabled on the thread's CPU. Every spin lock held on the CPU is marked "held with
     * interrupts enabled"; one that was used in primary interrupt context gives
     * {@link Rule#IRQ_INVERSION}. (The other order of discovery is caught by {@link #acquired}.)
     */
    public void interruptsOn(WitnessThread t, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            if (!t.interruptsEnabled) {
                return;
            }
            HeldLocks spin = cpu(t.cpu).spinLocks;
            for (int i = 0; i < spin.depth; i++) {
                markIrq(t, spin.lock[i], site, false);
            }
        } catch (Throwable e) {
            fault(e, "interruptsOn");
        }
    }

    /** Entry into an interrupt handler (the snapshot's nesting says primary context): a context point. */
    public void interruptEnter(WitnessThread t, int site) {
        contextPoint(t, site);
    }

    /** Exit from an interrupt handler: a context point. */
    public void interruptExit(WitnessThread t, int site) {
        contextPoint(t, site);
    }

    /** End of interrupt sent (the snapshot's EOI-pending flag is now false): a context point. */
    public void eoi(WitnessThread t, int site) {
        contextPoint(t, site);
    }

    /**
     * A rendezvous handler starts on the thread's CPU; the snapshot's {@code owepreempt} is saved,
     * as {@code smp_rendezvous_action} does since r222254. Until {@link #rendezvousExit}, a switch
     * or a change of {@code owepreempt} seen on any event of this thread is
     * {@link Rule#PREEMPT_IN_RENDEZVOUS}, reported once per handler run.
     */
    public void rendezvousEnter(WitnessThread t, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            if (t.rendezvousDepth++ == 0) {
                t.rendezvousOwepreempt = t.owepreempt;
                t.rendezvousReported = false;
            }
        } catch (Throwable e) {
            fault(e, "rendezvousEnter");
        }
    }

    /**
     * A rendezvous handler ends: {@link Rule#PREEMPT_IN_RENDEZVOUS} ("rendezvous action changed
     * td_owepreempt") if the snapshot's {@code owepreempt} differs from the one saved at entry.
     */
    public void rendezvousExit(WitnessThread t, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            if (t.rendezvousDepth > 0) {
                t.rendezvousDepth--;
            }
        } catch (Throwable e) {
            fault(e, "rendezvousExit");
        }
    }

    /**
     * The thread goes to sleep ({@code _sleep}, {@code cv_wait}; FreeBSD's
     * {@code WITNESS_WARN(WARN_GIANTOK | WARN_SLEEPOK, interlock, "Sleeping on \"%s\"")}). By
     * precedence: {@link Rule#SLEEP_LOCK_IN_INTERRUPT} in primary interrupt context,
     * {@link Rule#PREEMPT_IN_RENDEZVOUS} in a rendezvous handler, else
     * {@link Rule#SLEEP_WITH_LOCKS_HELD} if a non-sleepable sleep lock other than Giant and the
     * interlock is held, or any spin lock (except a lone spin interlock).
     *
     * @param wmesg the wait message or ident description
     * @param interlock the instance of the interlock the sleep drops, or 0
     */
    public void sleep(WitnessThread t, String wmesg, long interlock, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            CpuState cpu = cpu(t.cpu);
            if (t.interruptNesting > 0 || t.inRendezvousHandler() || cpu.spinLocks.depth > 0
                    || t.sleepLocks.depth > 0) {
                slow(t, () -> SleepCheck.check(checker, t, cpu.spinLocks, wmesg, interlock, site));
            }
        } catch (Throwable e) {
            fault(e, "sleep");
        }
    }

    /**
     * The thread switches off its CPU ({@code mi_switch}). By precedence:
     * {@link Rule#PREEMPT_IN_INTERRUPT} from primary interrupt context before EOI,
     * {@link Rule#PREEMPT_IN_RENDEZVOUS} in a rendezvous handler, {@link Rule#SWITCH_IN_CRITICAL}
     * unless critnest is 1 and the thread lock is held.
     */
    public void contextSwitch(WitnessThread t, SwitchKind kind, boolean threadLockHeld, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            Rule rule = null;
            if (t.interruptNesting > 0 && t.eoiPending) {
                rule = Rule.PREEMPT_IN_INTERRUPT;
            } else if (t.inRendezvousHandler()) {
                if (t.rendezvousReported) {
                    return;
                }
                t.rendezvousReported = true;
                rule = Rule.PREEMPT_IN_RENDEZVOUS;
            } else if (t.critnest != 1 || !threadLockHeld) {
                rule = Rule.SWITCH_IN_CRITICAL;
            }
            if (rule != null) {
                Rule r = rule;
                slow(t, () -> {
                    String here = checker.siteText(site);
                    String message;
                    if (r == Rule.PREEMPT_IN_INTERRUPT) {
                        message = "mi_switch (" + kind + ") from primary interrupt context before EOI @ " + here;
                    } else if (r == Rule.PREEMPT_IN_RENDEZVOUS) {
                        message = "mi_switch (" + kind + ") in an SMP rendezvous handler @ " + here;
                    } else {
                        message = "mi_switch: switch in a critical section (critnest " + t.critnest + ", thread lock "
                                + (threadLockHeld ? "held" : "not held") + ") @ " + here;
                    }
                    return checker.report(r, here, message, List.of(), List.of(here),
                            List.of(new Trace("stack backtrace:", checker.stacks.capture())), t);
                });
            }
        } catch (Throwable e) {
            fault(e, "contextSwitch");
        }
    }

    /**
     * The thread exits ({@code witness_thread_exit}): {@link Rule#HELD_AT_EXIT} for each sleep
     * lock it still holds, which are then forgotten. As in FreeBSD's {@code thread_exit}, the
     * handle may still report its last spin-lock and switch events afterwards.
     */
    public void threadExit(WitnessThread t, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            slow(t, () -> {
                Finding panic = null;
                HeldLocks held = t.sleepLocks;
                String here = checker.siteText(site);
                for (int i = 0; i < held.depth; i++) {
                    String line = Messages.listLock(held.exclusive(i), checker.className(held.lock[i]),
                            checker.name(held.lock[i]), held.recursed[i], held.instance[i],
                            checker.recordedSite(held.site[i]));
                    Finding f = checker.reportLock(Rule.HELD_AT_EXIT, checker.name(held.lock[i]), "Thread " + t.name
                            + " (tid " + t.tid + ") exiting with the following locks held:\n" + line, held.lock[i],
                            here, t);
                    panic = panic != null ? panic : f;
                }
                held.clear();
                checker.threads.remove(t);
                return panic;
            });
        } catch (Throwable e) {
            fault(e, "threadExit");
        }
    }

    /**
     * A method annotated {@code @Requires(lockName)} was entered at {@code site}:
     * {@link Rule#REQUIRED_LOCK_NOT_HELD} unless a lock of that class is held by this thread or
     * on this CPU, in any mode.
     */
    public void required(WitnessThread t, String lockName, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            LockClass c = checker.classes.byName(lockName);
            if (c != null && (t.sleepLocks.holdsClass(c.id) || cpu(t.cpu).spinLocks.holdsClass(c.id))) {
                return;
            }
            slow(t, () -> {
                String here = checker.siteText(site);
                String method = sites.method(site);
                return checker.report(Rule.REQUIRED_LOCK_NOT_HELD, lockName + '\u0000' + method, method
                        + " entered without lock \"" + lockName + "\" held @ " + here, List.of(lockName),
                        List.of(here), List.of(new Trace("stack backtrace:", checker.stacks.capture())), t);
            });
        } catch (Throwable e) {
            fault(e, "required");
        }
    }

    /**
     * Per-CPU data is accessed: {@link Rule#PCPU_UNPINNED} if the thread could migrate (not
     * pinned, critnest 0, interrupts enabled, not in an interrupt handler).
     */
    public void pcpuAccess(WitnessThread t, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            if (t.pinned || t.critnest > 0 || !t.interruptsEnabled || t.interruptNesting > 0) {
                return;
            }
            slow(t, () -> {
                String here = checker.siteText(site);
                return checker.report(Rule.PCPU_UNPINNED, here, "using per-CPU data in migratable code (critnest 0,"
                        + " not pinned) on cpu " + t.cpu + " @ " + here, List.of(), List.of(here),
                        List.of(new Trace("stack backtrace:", checker.stacks.capture())), t);
            });
        } catch (Throwable e) {
            fault(e, "pcpuAccess");
        }
    }

    // ------------------------------------------------------------------ machine events

    /**
     * The machine is stuck: {@code threads.get(i)} waits for lock {@code locks.get(i)}, held by
     * {@code threads.get(i + 1)} (cyclically). {@link Rule#DEADLOCK}, keyed by the lock set.
     */
    public void deadlock(List<String> locks, List<String> threads) {
        if (disabled) {
            return;
        }
        try {
            slow(null, () -> {
                StringBuilder msg = new StringBuilder("deadlock: cycle of waiters:");
                for (int i = 0; i < locks.size(); i++) {
                    String waiter = i < threads.size() ? threads.get(i) : "?";
                    String owner = threads.isEmpty() ? "?" : threads.get((i + 1) % threads.size());
                    msg.append("\n thread ").append(waiter).append(" waits for \"").append(locks.get(i))
                            .append("\" held by thread ").append(owner);
                }
                return checker.report(Rule.DEADLOCK, String.join("\u0000", new TreeSet<>(locks)),
                        msg.toString(), locks, List.of(), List.of(), threads, -1);
            });
        } catch (Throwable e) {
            fault(e, "deadlock");
        }
    }

    /**
     * A lost wakeup: {@code thread} sleeps forever on {@code ident}, whose only wakeup, by
     * {@code waker}, came with no sleeper after the thread's last check and before its sleep.
     * {@link Rule#LOST_WAKEUP}.
     */
    public void lostWakeup(String ident, String thread, String waker, int site) {
        if (disabled) {
            return;
        }
        try {
            slow(null, () -> {
                String here = checker.siteText(site);
                return checker.report(Rule.LOST_WAKEUP, ident, "lost wakeup: thread " + thread
                        + " sleeps forever on \"" + ident + "\", whose wakeup by thread " + waker
                        + " came before the sleep @ " + here, List.of(), List.of(here), List.of(),
                        List.of(thread, waker), -1);
            });
        } catch (Throwable e) {
            fault(e, "lostWakeup");
        }
    }

    /**
     * Records an exception of the checker or of its caller's glue as a {@link Rule#CHECKER_FAULT}
     * finding, keyed by {@code where} and the exception class. Never throws.
     */
    public void fault(Throwable error, String where) {
        try {
            String what = error.getClass().getName();
            Finding panic;
            boolean fresh;
            synchronized (checker) {
                panic = checker.report(Rule.CHECKER_FAULT, where + '\u0000' + what, "witness fault in " + where + ": "
                        + error, List.of(), List.of(), List.of(new Trace("exception:", checker.stacks.frames(error))),
                        null);
                fresh = checker.takeNewFinding();
            }
            if (fresh && writer != null) {
                writer.request();
            }
            if (panic != null && !where.equals(PANIC_HANDLER)) {
                options.panicHandler.accept(panic);
            }
        } catch (Throwable ignored) {
            // the last line of defence: a fault while recording a fault is dropped
        }
    }

    // ------------------------------------------------------------------ results and reports

    /** A snapshot of all findings, in order of first occurrence. Thread-safe. */
    public List<Finding> findings() {
        synchronized (checker) {
            return checker.findings.snapshot();
        }
    }

    /** True if a finding of a rule with policy FAIL or PANIC was recorded. Thread-safe. */
    public boolean hasFailures() {
        synchronized (checker) {
            return checker.findings.failed();
        }
    }

    /** False once the checker disabled itself (class table exhausted). */
    public boolean isEnabled() {
        return !disabled;
    }

    /**
     * Sets the run information shown in {@code witness.json}'s {@code run} object.
     *
     * @param seed the seed, or null when there is none
     */
    public void runInfo(String command, Long seed, String strategy, String replayCommand) {
        run.set(command, seed, strategy, replayCommand);
    }

    /**
     * Registers an instrumentation counter shown in {@code witness.json}'s {@code instrumentation}
     * object (e.g. "classesTransformed", "probesWoven", "windows", "eventsSeen"); the supplier is
     * read each time a report is written, on the report thread.
     */
    public void instrumentation(String name, LongSupplier value) {
        run.counter(name, value);
    }

    /**
     * Writes {@code witness.txt}, {@code witness.json}, {@code lock-order.dot} and one DOT file per
     * reversal to the report directory now, atomically; a no-op without a report directory.
     * Thread-safe.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public void writeReports() {
        if (writer != null) {
            try {
                writer.writeNow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Stops the report thread, waiting for a write in progress; reports are then written only by
     * {@link #writeReports()}. Events still work. Thread-safe.
     */
    public void close() {
        if (writer != null) {
            try {
                writer.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Forgets orders, reversals, findings, held locks and stored stacks, for the next explored
     * schedule. Lock ids, site ids and thread handles stay valid, declared orders stay. Call only
     * while no other thread reports events.
     */
    public void reset() {
        synchronized (checker) {
            checker.reset();
            for (CpuState c : cpus) {
                if (c != null) {
                    c.spinLocks.clear();
                }
            }
        }
    }

    ReportSnapshot snapshot() {
        synchronized (checker) {
            return checker.snapshot(run);
        }
    }

    // ------------------------------------------------------------------ internals

    static boolean recursiveRead(WitnessThread t, int lock, int flags) {
        if ((flags & OpFlags.SHARED) == 0) {
            return false;
        }
        int kind = lock >>> KIND_SHIFT;
        return (kind == SX_KIND && t.sxShared > 0) || (kind == RW_KIND && t.rwShared > 0);
    }

    private static void countShared(WitnessThread t, int lock, int delta) {
        int kind = lock >>> KIND_SHIFT;
        if (kind == SX_KIND) {
            t.sxShared += delta;
        } else if (kind == RW_KIND) {
            t.rwShared += delta;
        }
    }

    private CpuState cpu(int id) {
        CpuState[] all = cpus;
        if (id < all.length && all[id] != null) {
            return all[id];
        }
        synchronized (checker) {
            all = cpus;
            if (id >= all.length) {
                all = Arrays.copyOf(all, Math.max(id + 1, all.length * 2));
            }
            if (all[id] == null) {
                all[id] = new CpuState(id, options.classLimit);
            }
            cpus = all;
            return all[id];
        }
    }

    private void contextPoint(WitnessThread t, int site) {
        if (t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
        } catch (Throwable e) {
            fault(e, "context");
        }
    }

    private void checkRendezvous(WitnessThread t, int site) {
        if (t.rendezvousDepth > 0 && t.owepreempt != t.rendezvousOwepreempt && !t.rendezvousReported) {
            t.rendezvousReported = true;
            slow(t, () -> {
                String here = checker.siteText(site);
                return checker.report(Rule.PREEMPT_IN_RENDEZVOUS, here, "rendezvous action changed td_owepreempt ("
                        + t.rendezvousOwepreempt + " -> " + t.owepreempt + ") @ " + here, List.of(), List.of(here),
                        List.of(new Trace("stack backtrace:", checker.stacks.capture())), t);
            });
        }
    }

    private void blockableInContext(WitnessThread t, CpuState cpu, int lock, int site) {
        Rule rule;
        if (t.interruptNesting > 0) {
            rule = Rule.SLEEP_LOCK_IN_INTERRUPT;
        } else if (t.inRendezvousHandler()) {
            rule = Rule.PREEMPT_IN_RENDEZVOUS;
        } else if (cpu.spinLocks.depth > 0) {
            rule = Rule.SLEEP_LOCK_UNDER_SPIN;
        } else {
            rule = Rule.SLEEP_LOCK_IN_CRITICAL;
        }
        slow(t, () -> {
            String here = checker.siteText(site);
            return checker.reportLock(rule, checker.name(lock) + '\u0000' + here,
                    Messages.blockable(rule, checker.className(lock), checker.name(lock), here), lock, here, t);
        });
    }

    private void kindMismatch(WitnessThread t, int lock, int site, int flags, boolean release) {
        slow(t, () -> {
            String here = checker.siteText(site);
            return checker.reportLock(Rule.KIND_MISMATCH, checker.name(lock), Messages.kindMismatch(checker.kind(lock),
                    checker.name(lock), (flags & OpFlags.SPIN_OP) != 0, release, here), lock, here, t);
        });
    }

    private Finding notOwned(WitnessThread t, HeldLocks held, int i, int lock, int site, boolean shared) {
        String here = checker.siteText(site);
        String name = checker.name(lock);
        String what = "(" + checker.className(lock) + ") " + name + " @ " + here;
        String message;
        if (i < 0) {
            message = "lock (" + checker.className(lock) + ") " + name + " not locked @ " + here;
        } else if (shared) {
            message = "shared unlock of " + what + "\nwhile exclusively locked from " + checker.recordedSite(held.site[i]);
        } else {
            message = "exclusive unlock of " + what + "\nwhile share locked from " + checker.recordedSite(held.site[i]);
        }
        return checker.reportLock(Rule.RELEASE_NOT_OWNED, name + '\u0000' + here, message, lock, here, t);
    }

    private Finding tooLong(WitnessThread t, int lock, long instance, int site, String how) {
        String here = checker.siteText(site);
        return checker.reportLock(Rule.SPIN_HELD_TOO_LONG, checker.name(lock), "spin lock " + Messages.pointer(instance)
                + " (" + checker.name(lock) + ") " + how + " scheduling points, more than " + options.spinBound
                + " @ " + here, lock, here, t);
    }

    private void changeMode(WitnessThread t, int lock, long instance, int site, boolean up) {
        if (lock == UNTRACKED || t.busy || disabled) {
            return;
        }
        try {
            checkRendezvous(t, site);
            boolean spin = (lock & SPIN_BIT) != 0;
            HeldLocks held = spin ? cpu(t.cpu).spinLocks : t.sleepLocks;
            int i = held.holdsClass(lock & CLASS_MASK) ? held.find(instance) : -1;
            String problem;
            if ((lock & UPGRADABLE_BIT) == 0) {
                problem = "non-upgradable lock";
            } else if (spin) {
                problem = "non-sleep lock";
            } else if (i < 0) {
                problem = "unlocked lock";
            } else if (held.exclusive(i) == up) {
                problem = up ? "exclusive lock" : "shared lock";
            } else if (held.recursed[i] > 0) {
                problem = "recursed lock";
            } else {
                held.mode[i] = (byte) (up ? held.mode[i] | HeldLocks.EXCLUSIVE : held.mode[i] & ~HeldLocks.EXCLUSIVE);
                countShared(t, lock, up ? -1 : 1);
                return;
            }
            int recursed = i >= 0 ? held.recursed[i] : 0;
            slow(t, () -> {
                String here = checker.siteText(site);
                String r = problem.equals("recursed lock") ? " r=" + recursed : "";
                String message = (up ? "upgrade" : "downgrade") + " of " + problem + " (" + checker.className(lock)
                        + ") " + checker.name(lock) + r + " @ " + here;
                return checker.reportLock(Rule.BAD_UPGRADE, checker.name(lock) + '\u0000' + here, message, lock, here, t);
            });
        } catch (Throwable e) {
            fault(e, up ? "upgrade" : "downgrade");
        }
    }

    private void markIrq(WitnessThread t, int lock, int site, boolean inInterrupt) {
        LockClass c = checker.classes.byId(lock & CLASS_MASK);
        boolean known = inInterrupt ? c.usedInInterrupt : c.heldWithInterrupts;
        if (!known || (c.usedInInterrupt && c.heldWithInterrupts)) {
            slow(t, () -> irqUse(t, lock, site, inInterrupt));
        }
    }

    /** Marks a spin class's interrupt use and reports {@link Rule#IRQ_INVERSION}; under the lock. */
    private Finding irqUse(WitnessThread t, int lock, int site, boolean inInterrupt) {
        LockClass c = checker.classes.byId(lock & CLASS_MASK);
        String here = checker.siteText(site);
        if (inInterrupt) {
            if (c.firstInterruptSite == null) {
                c.firstInterruptSite = here;
            }
            c.usedInInterrupt = true;
        } else {
            if (c.firstEnabledSite == null) {
                c.firstEnabledSite = here;
            }
            c.heldWithInterrupts = true;
        }
        if (!(c.usedInInterrupt && c.heldWithInterrupts)) {
            return null;
        }
        return checker.report(Rule.IRQ_INVERSION, c.name, "spin lock (" + c.className() + ") " + c.name
                + " used in primary interrupt context @ " + c.firstInterruptSite
                + " is held with interrupts enabled @ " + c.firstEnabledSite, List.of(c.name),
                List.of(c.firstInterruptSite, c.firstEnabledSite),
                List.of(new Trace("stack backtrace:", checker.stacks.capture())), t);
    }

    /** Who holds {@code instance}: a thread name or "cpu N"; null if nobody. Under the lock. */
    private String holder(int lock, long instance) {
        if ((lock & SPIN_BIT) != 0) {
            for (CpuState c : cpus) {
                if (c != null && c.spinLocks.find(instance) >= 0) {
                    return "cpu " + c.id;
                }
            }
            return null;
        }
        for (WitnessThread other : checker.threads) {
            if (other.sleepLocks.find(instance) >= 0) {
                return "thread " + other.name;
            }
        }
        return null;
    }

    private Finding exhausted(String name) {
        disabled = true;
        return checker.report(Rule.CHECKER_EXHAUSTED, "", "WITNESS: unable to allocate a new witness object"
                + (name == null ? "" : " for \"" + name + "\"") + "\nWitness disabled.", name == null ? List.of()
                : List.of(name), List.of(), List.of(new Trace("stack backtrace:", checker.stacks.capture())), null);
    }

    /** Runs {@code action} under the checker lock, then writes reports and calls the panic handler. */
    private void slow(WitnessThread t, Supplier<Finding> action) {
        Finding panic;
        boolean fresh;
        synchronized (checker) {
            panic = action.get();
            fresh = checker.takeNewFinding();
        }
        if (fresh && writer != null) {
            writer.request();
        }
        if (panic != null) {
            if (t != null) {
                t.busy = true;
            }
            try {
                options.panicHandler.accept(panic);
            } catch (Throwable e) {
                fault(e, PANIC_HANDLER);
            } finally {
                if (t != null) {
                    t.busy = false;
                }
            }
        }
    }
}
