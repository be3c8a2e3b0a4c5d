package org.lockwitness.agent.runtime;

import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.LockObject;
import org.lockwitness.kernel.Sched;
import org.lockwitness.kernel.Snapshot;
import org.lockwitness.witness.SwitchKind;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * The static methods that the code woven into probe-annotated model methods calls: each turns one
 * probe of the kernel model into one witness event, with the model's snapshot and the calling
 * thread's current site. Public because the calls of {@code org.lockwitness.agent.weave} are woven
 * into model classes, which must be able to make them; not an API for anyone else.
 *
 * <p>Design: a lock or context event returns at once on a thread that is not a kernel thread;
 * otherwise it takes the thread's {@link PerThread} from the kernel thread's own slot (no
 * {@code ThreadLocal}), refuses to run while the thread is already inside the agent or the witness
 * (the reentrancy guard), fixes the thread's {@link Snapshot} view, records the event in the
 * {@link EventTrace}, copies the context once into the witness's handle, and calls the witness.
 * The three events of a lock pair have entry points of their own in {@link PairProbes}. The cold
 * probes are in {@link ColdProbes}, which may run on any thread and take it from
 * {@link PerThread#get()}. The lock's class id is cached in {@link LockObject#witness()}, so the
 * acquire path allocates nothing. Whatever throws becomes a {@code CHECKER_FAULT} finding through
 * {@link Witness#fault}; nothing reaches the model. Every public method catches all it throws,
 * since the woven call has no handler of its own.
 *
 * <p>Thread-safety: each call acts for the calling thread; the witness is thread-safe.
 */
public final class Probes {

    /** {@code @Acquire} on entry: the order check. */
    public static final int ACQUIRE = 1;
    /** {@code @Acquire} on return: the lock is held. */
    public static final int ACQUIRED = 2;
    /** {@code @TryAcquire} returned true. */
    public static final int TRY_ACQUIRED = 3;
    /** {@code @Release}. */
    public static final int RELEASE = 4;
    /** {@code @Upgrade} returned true. */
    public static final int UPGRADE = 5;
    /** {@code @Downgrade}. */
    public static final int DOWNGRADE = 6;
    /** {@code @LockDestroy}. */
    public static final int DESTROY = 7;
    /** {@code @Assertion}; the argument is the {@code LA_*} value. */
    public static final int ASSERTION = 8;
    /** {@code @SpinWait}. */
    public static final int SPIN_WAIT = 9;
    /** {@code @CriticalEnter}. */
    public static final int CRITICAL_ENTER = 10;
    /** {@code @CriticalExit}. */
    public static final int CRITICAL_EXIT = 11;
    /** {@code @InterruptsOff}. */
    public static final int INTERRUPTS_OFF = 12;
    /** {@code @InterruptsOn}. */
    public static final int INTERRUPTS_ON = 13;
    /** {@code @InterruptEnter}. */
    public static final int INTERRUPT_ENTER = 14;
    /** {@code @InterruptExit}. */
    public static final int INTERRUPT_EXIT = 15;
    /** {@code @Eoi}. */
    public static final int EOI = 16;
    /** {@code @RendezvousEnter}. */
    public static final int RENDEZVOUS_ENTER = 17;
    /** {@code @RendezvousExit}. */
    public static final int RENDEZVOUS_EXIT = 18;
    /** {@code @PcpuAccess}. */
    public static final int PCPU_ACCESS = 19;
    /** {@code @ThreadExit}. */
    public static final int THREAD_EXIT = 20;
    /** {@code @Switch}; the argument is the {@code SW_*} flags. */
    public static final int SWITCH = 21;
    /** {@code @Sleep}. */
    public static final int SLEEP = 22;
    /** {@code @Requires}. */
    public static final int REQUIRES = 23;
    /** {@code @LockInit}. */
    public static final int LOCK_INIT = 24;
    /** {@code @Deadlock}. */
    public static final int DEADLOCK = 25;
    /** {@code @LostWakeup}. */
    public static final int LOST_WAKEUP = 26;
    /** {@code @Upgrade} on entry: the attempt. */
    public static final int UPGRADE_ATTEMPT = 27;
    /** {@code @WakeupLost}. */
    public static final int WAKEUP_LOST = 28;

    private static final Witness W = ProbeRuntime.witness();

    private Probes() {
    }

    /**
     * A lock event of a probe-annotated method of a {@code LockObject}, other than the three of a
     * blocking acquire and a release, which have their own entry points in {@link PairProbes}.
     *
     * @param event {@link #TRY_ACQUIRED}, {@link #UPGRADE}, {@link #DOWNGRADE}, {@link #DESTROY},
     *     {@link #ASSERTION} or {@link #SPIN_WAIT}
     * @param lock the lock
     * @param arg the witness {@code OpFlags}, or the {@code LA_*} value for {@link #ASSERTION}
     */
    public static void lockEvent(int event, LockObject lock, int arg) {
        try {
            KThread td = KThread.current();
            PerThread pt = enter(td);
            if (pt == null) {
                return;
            }
            try {
                WitnessThread t = begin(pt, td, event, lock.name().hashCode());
                if (t != null) {
                    lock(pt, t, event, lock, arg);
                }
            } finally {
                pt.busy = false;
            }
        } catch (Throwable e) {
            W.fault(e, "probe " + event);
        }
    }

    /**
     * A lock event of a method that may fail ({@code @TryAcquire}): reported only when it returned
     * true. The woven code passes the result on rather than test it, so that it adds no branch.
     *
     * @param ok what the method returned
     * @param event one of the lock-event constants above
     * @param lock the lock
     * @param arg the witness {@code OpFlags}
     */
    public static void lockEventIf(boolean ok, int event, LockObject lock, int arg) {
        if (ok) {
            lockEvent(event, lock, arg);
        }
    }

    /**
     * {@code @Upgrade} on return: the mode change, when the upgrade succeeded and its attempt was
     * not reported bad already.
     *
     * @param ok what the method returned
     * @param report what {@link #upgradeAttempt} returned on entry
     * @param lock the lock
     */
    public static void upgraded(boolean ok, boolean report, LockObject lock) {
        if (ok && report) {
            lockEvent(UPGRADE, lock, 0);
        }
    }

    /**
     * {@code @Upgrade} on entry: the attempt is checked before it may fail.
     *
     * @param lock the lock
     * @return whether a success of this attempt is to be reported as {@link #UPGRADE}: false when
     *     the attempt was reported bad already
     */
    public static boolean upgradeAttempt(LockObject lock) {
        try {
            KThread td = KThread.current();
            PerThread pt = enter(td);
            if (pt == null) {
                return true;
            }
            try {
                WitnessThread t = begin(pt, td, UPGRADE_ATTEMPT, lock.name().hashCode());
                return t == null || W.upgradeAttempt(t, LockIds.of(W, lock), lock.id(), pt.site);
            } finally {
                pt.busy = false;
            }
        } catch (Throwable e) {
            W.fault(e, "probe " + UPGRADE_ATTEMPT);
            return true;
        }
    }

    /**
     * A context event: critical sections, interrupts, rendezvous, per-CPU access, thread exit,
     * switch.
     *
     * @param event one of the context-event constants above
     * @param arg the {@code SW_*} flags for {@link #SWITCH}, else ignored
     */
    public static void contextEvent(int event, int arg) {
        try {
            KThread td = KThread.current();
            PerThread pt = enter(td);
            if (pt == null) {
                return;
            }
            try {
                WitnessThread t = begin(pt, td, event, arg);
                if (t != null) {
                    context(pt, td, t, event, arg);
                }
            } finally {
                pt.busy = false;
            }
        } catch (Throwable e) {
            W.fault(e, "probe " + event);
        }
    }

    /**
     * The reentrancy guard: the kernel thread's {@link PerThread}, marked busy, or null for a thread
     * that is not a kernel thread or is already inside the agent or the witness. The caller clears
     * {@code busy} when it is done.
     */
    static PerThread enter(KThread td) {
        if (td == null) {
            return null;
        }
        PerThread pt = PerThread.of(td);
        if (pt.busy) {
            return null;
        }
        pt.busy = true;
        return pt;
    }

    /**
     * The kernel thread's handle with this moment's context copied in (once: the model's snapshot is
     * a view); null for a thread whose machine has stopped: it only unwinds, and the run's end has
     * dropped what the witness kept of its machine.
     */
    static WitnessThread begin(PerThread pt, KThread td, int event, int detail) {
        Snapshot s = td.snapshot();
        WitnessThread t = traced(pt, s, event, detail);
        return t == null ? null : copy(t, s);
    }

    /**
     * The event in the event trace, and the kernel thread's handle without the context copied in,
     * for an event whose common case reads none ({@link Witness#acquiredCommon},
     * {@link Witness#releaseCommon}); null for a thread whose machine has stopped.
     */
    static WitnessThread traced(PerThread pt, Snapshot s, int event, int detail) {
        if (s.stopped()) {
            return null;
        }
        int cpu = s.cpu();
        int critnest = s.critnest();
        boolean owepreempt = s.owepreempt();
        if (s.parallel()) {
            EventTrace.recordOnCpu(event, s.tid(), cpu, critnest, owepreempt, s.step(), detail);
        } else {
            EventTrace.record(event, s.tid(), cpu, critnest, owepreempt, s.step(), detail);
        }
        return handle(pt, s.thread());
    }

    /** The snapshot's context copied into the handle. */
    static WitnessThread copy(WitnessThread t, Snapshot s) {
        return t.at(s.cpu(), s.critnest(), s.intrNesting(), ContextFlags.of(s.flags()), s.cpuSteps());
    }

    /** The kernel thread's witness handle, made on its first event. */
    static WitnessThread handle(PerThread pt, KThread td) {
        WitnessThread t = pt.handle;
        if (t == null) {
            t = W.thread(td.tid(), td.name());
            pt.handle = t;
        }
        return t;
    }

    private static void lock(PerThread pt, WitnessThread t, int event, LockObject lock, int arg) {
        int id = LockIds.of(W, lock);
        long instance = lock.id();
        int site = pt.site;
        switch (event) {
            case TRY_ACQUIRED -> PairProbes.held(pt, t, id, instance, arg);
            case UPGRADE -> W.upgrade(t, id, instance, site);
            case DOWNGRADE -> W.downgrade(t, id, instance, site);
            case DESTROY -> W.destroy(t, id, instance, site);
            case ASSERTION -> W.assertLock(t, id, instance, arg, site);
            case SPIN_WAIT -> {
                if (pt.spinInstance != instance) {
                    pt.spinInstance = instance;
                    pt.spins = 0;
                }
                W.spinWait(t, id, instance, site, ++pt.spins);
            }
            default -> throw new IllegalArgumentException("not a lock event of lockEvent: " + event);
        }
    }

    private static void context(PerThread pt, KThread td, WitnessThread t, int event, int arg) {
        int site = pt.site;
        switch (event) {
            case CRITICAL_ENTER -> W.criticalEnter(t, site);
            case CRITICAL_EXIT -> W.criticalExit(t, site);
            case INTERRUPTS_OFF -> W.interruptsOff(t, site);
            case INTERRUPTS_ON -> W.interruptsOn(t, site);
            case INTERRUPT_ENTER -> W.interruptEnter(t, site);
            case INTERRUPT_EXIT -> W.interruptExit(t, site);
            case EOI -> W.eoi(t, site);
            case RENDEZVOUS_ENTER -> W.rendezvousEnter(t, site);
            case RENDEZVOUS_EXIT -> W.rendezvousExit(t, site);
            case PCPU_ACCESS -> W.pcpuAccess(t, site);
            case THREAD_EXIT -> W.threadExit(t, site);
            case SWITCH -> W.contextSwitch(t, switchKind(arg), td.snapshot().threadLockHeld(), site);
            default -> throw new IllegalArgumentException("not a context event: " + event);
        }
    }

    private static SwitchKind switchKind(int flags) {
        if ((flags & Sched.SW_PREEMPT) != 0) {
            return SwitchKind.PREEMPT;
        }
        return (flags & Sched.SW_INVOL) != 0 ? SwitchKind.INVOLUNTARY : SwitchKind.VOLUNTARY;
    }
}
