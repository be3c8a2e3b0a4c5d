package org.lockwitness.witness;

import java.util.List;

/**
 * The part of {@link Witness}'s public API that takes the events of the machine around the locks:
 * the context points and context rules (FreeBSD's {@code witness_warn} as {@code _sleep} and
 * {@code _cv_wait} call it, the assertions of {@code critical_enter}, {@code critical_exit},
 * {@code mi_switch} and {@code smp_rendezvous_action}, lockdep's {@code mark_lock} for interrupt
 * usage) and the machine's own verdicts on a stuck run (DEADLOCK, LOST_WAKEUP), which have no
 * FreeBSD counterpart. Each method is a guard and one call into {@link ContextRules} or
 * {@link MachineEvents} ({@link EventGuard}). Only {@link Witness} extends it; its public methods
 * are Witness's, so callers never name this class.
 *
 * <p>Thread-safety: as {@link Witness} says; an event with a {@link WitnessThread} is confined to
 * that handle's thread.
 */
abstract class ContextEvents extends EventGuard {

    ContextEvents(WitnessOptions options) {
        super(options);
    }

    /** {@code critical_enter}: a context point (checks an owepreempt change in a rendezvous handler). */
    public void criticalEnter(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::rendezvousPoint, "context");
    }

    /** {@code critical_exit}: a context point, as {@link #criticalEnter}. */
    public void criticalExit(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::rendezvousPoint, "context");
    }

    /** Interrupts disabled on the thread's CPU: a context point. */
    public void interruptsOff(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::rendezvousPoint, "context");
    }

    /**
     * Interrupts enabled on the thread's CPU. Every spin lock held on the CPU is marked "held with interrupts enabled";
     * one that was used in primary interrupt context gives {@link Rule#IRQ_INVERSION}. (The other order of discovery is
     * caught by {@link Witness#acquired}.)
     */
    public void interruptsOn(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::interruptsOn, "interruptsOn");
    }

    /** Entry into an interrupt handler (the snapshot's nesting says primary context): a context point. */
    public void interruptEnter(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::rendezvousPoint, "context");
    }

    /** Exit from an interrupt handler: a context point. */
    public void interruptExit(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::rendezvousPoint, "context");
    }

    /** End of interrupt sent (the snapshot's EOI-pending flag is now false): a context point. */
    public void eoi(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::rendezvousPoint, "context");
    }

    /**
     * A rendezvous handler starts on the thread's CPU; the snapshot's {@code owepreempt} is saved, as
     * {@code smp_rendezvous_action} does since r222254. Until {@link #rendezvousExit}, a switch or a change of
     * {@code owepreempt} seen on any event of this thread is {@link Rule#PREEMPT_IN_RENDEZVOUS}, reported once per
     * handler run.
     */
    public void rendezvousEnter(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::rendezvousEnter, "rendezvousEnter");
    }

    /**
     * A rendezvous handler ends: {@link Rule#PREEMPT_IN_RENDEZVOUS} ("rendezvous action changed td_owepreempt") if the
     * snapshot's {@code owepreempt} differs from the one saved at entry.
     */
    public void rendezvousExit(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::rendezvousExit, "rendezvousExit");
    }

    /**
     * The thread goes to sleep ({@code _sleep}, {@code cv_wait}; FreeBSD's
     * {@code WITNESS_WARN(WARN_GIANTOK | WARN_SLEEPOK, interlock, "Sleeping on \"%s\"")}). By precedence:
     * {@link Rule#SLEEP_LOCK_IN_INTERRUPT} in primary interrupt context, {@link Rule#PREEMPT_IN_RENDEZVOUS} in a
     * rendezvous handler, else {@link Rule#SLEEP_WITH_LOCKS_HELD} if a non-sleepable sleep lock other than Giant and
     * the interlock is held, or any spin lock (except a lone spin interlock).
     *
     * @param wmesg the wait message or ident description
     * @param interlock the instance of the interlock the sleep drops, or 0
     */
    public void sleep(WitnessThread t, String wmesg, long interlock, int site) {
        event(ignores(t), "sleep", () -> context.sleep(t, false, wmesg, interlock, site));
    }

    /**
     * The thread waits on a condition variable ({@code _cv_wait}): as {@link #sleep}, but a
     * {@link Rule#SLEEP_WITH_LOCKS_HELD} says {@code Waiting on "%s"}, FreeBSD's words for a cv.
     *
     * @param description the condition variable's description
     * @param interlock the instance of the mutex the wait drops, or 0
     */
    public void cvWait(WitnessThread t, String description, long interlock, int site) {
        event(ignores(t), "sleep", () -> context.sleep(t, true, description, interlock, site));
    }

    /**
     * The thread switches off its CPU ({@code mi_switch}). By precedence: {@link Rule#PREEMPT_IN_INTERRUPT} from
     * primary interrupt context before EOI, {@link Rule#PREEMPT_IN_RENDEZVOUS} in a rendezvous handler,
     * {@link Rule#SWITCH_IN_CRITICAL} unless critnest is 1 and the thread lock is held.
     */
    public void contextSwitch(WitnessThread t, SwitchKind kind, boolean threadLockHeld, int site) {
        if (!ignores(t)) {
            try {
                context.contextSwitch(t, kind, threadLockHeld, site);
            } catch (Throwable e) {
                dispatch.fault(e, "contextSwitch");
            }
        }
    }

    /**
     * A method annotated {@code @Requires(lockName)} was entered at {@code site}: {@link Rule#REQUIRED_LOCK_NOT_HELD}
     * unless a lock of that class is held by this thread or on this CPU, in any mode.
     */
    public void required(WitnessThread t, String lockName, int site) {
        event(ignores(t), "required", () -> context.required(t, lockName, site));
    }

    /**
     * Per-CPU data is accessed: {@link Rule#PCPU_UNPINNED} if the thread could migrate (not pinned, critnest 0,
     * interrupts enabled, not in an interrupt handler).
     */
    public void pcpuAccess(WitnessThread t, int site) {
        threadEvent(t, site, ContextRules::pcpuAccess, "pcpuAccess");
    }

    /**
     * The machine is stuck: {@code threads.get(i)} waits for lock {@code locks.get(i)}, held by
     * {@code threads.get(i + 1)} (cyclically). {@link Rule#DEADLOCK}, keyed by the lock set, with each
     * waiter's blocking site (its latest {@link Witness#checkOrder}), CPU and current stack, read from the
     * handles of those names; call it only while the waiters are stopped.
     */
    public void deadlock(List<String> locks, List<String> threads) {
        event(state.disabled, "deadlock", () -> machine.deadlock(locks, threads));
    }

    /**
     * Ordinary Java threads ({@link Witness#javaThread}) are deadlocked: {@code waiters.get(i)} waits for lock
     * {@code locks.get(i)}, held by {@code waiters.get(i + 1)} (cyclically), blocked at
     * {@code blockedAt.get(i)} ({@code file:line}; null or missing: its latest {@link Witness#checkOrder}'s
     * site). {@link Rule#DEADLOCK}, keyed by the lock set as {@link #deadlock}, with each waiter's
     * blocking site, the locks it holds with the sites it took them at, and its current stack when
     * stacks are on; read from the handles, so call it only while the waiters are blocked. A waiter
     * that was reported holding the lock it waits for before it blocked entering it (a Java monitor,
     * told held before {@code monitorenter}) has that lock's instance in {@code entering[i]}, and
     * its newest hold of it is not shown as held; 0, an array too short, or null: none. Thread-safe.
     */
    public void javaDeadlock(List<String> locks, List<WitnessThread> waiters, List<String> blockedAt,
            long[] entering) {
        event(state.disabled, "deadlock", () -> machine.javaDeadlock(locks, waiters, blockedAt, entering));
    }

    /**
     * A lost wakeup: {@code thread} sleeps forever on {@code ident}, whose only wakeup, by {@code waker}, came with no
     * sleeper after the thread's last check and before its sleep. {@link Rule#LOST_WAKEUP}, at the sleep's site.
     */
    public void lostWakeup(String ident, String thread, String waker, int site) {
        lostWakeup(ident, thread, waker, -1, site, List.of());
    }

    /**
     * A lost wakeup, as {@link #lostWakeup(String, String, String, int)}, with the sleeper's stack and the scheduling
     * point of the wakeup: when {@link #noSleeper} reported that wakeup (same channel, step and waker), the finding
     * also gives the waker's site and stack. Covers sleeps behind an interlock ({@code msleep}, {@code cv_wait}) whose
     * wakeup came while the sleeper held the interlock between its check and its sleep.
     *
     * @param step the scheduling point of the wakeup that found no sleeper
     * @param sleeperFrames the sleeping thread's stack, innermost first, unfiltered ({@code Class.method(File:line)}
     *     of its host stack); the frame filter is applied here
     */
    public void lostWakeup(String ident, String thread, String waker, long step, int site,
            List<StackTraceElement> sleeperFrames) {
        event(state.disabled, "lostWakeup", () -> machine.lostWakeup(ident, thread, waker, step, site,
                state.stacks.frames(sleeperFrames)));
    }

    /**
     * A wakeup found no sleeper on {@code ident} at scheduling point {@code step}, on the waking thread: its site and
     * stack are kept for a later {@link #lostWakeup} of that channel. Takes the checker lock and captures a stack the
     * first time per channel and site.
     */
    public void noSleeper(WitnessThread t, String ident, long step, int site) {
        event(ignores(t), "noSleeper", () -> machine.noSleeper(t, ident, step, site));
    }
}
