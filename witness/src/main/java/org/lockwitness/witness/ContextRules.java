package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The rules of the context an event happens in: FreeBSD's {@code witness_warn} (the sleep
 * check), the blockable-lock checks of {@code witness_checkorder}, the preemption checks of
 * {@code mi_switch}, {@code critical_exit} and {@code smp_rendezvous_action}, and lockdep's
 * {@code mark_lock} usage bits for interrupt inversion. Rules: {@link Rule#SLEEP_LOCK_IN_INTERRUPT},
 * {@link Rule#SLEEP_LOCK_UNDER_SPIN}, {@link Rule#SLEEP_LOCK_IN_CRITICAL},
 * {@link Rule#SLEEP_WITH_LOCKS_HELD}, {@link Rule#PREEMPT_IN_RENDEZVOUS},
 * {@link Rule#PREEMPT_IN_INTERRUPT}, {@link Rule#SWITCH_IN_CRITICAL}, {@link Rule#PCPU_UNPINNED},
 * {@link Rule#REQUIRED_LOCK_NOT_HELD} and {@link Rule#IRQ_INVERSION}.
 *
 * <h2>Design and thread-safety</h2>
 * Stateless itself. The context is the snapshot the caller wrote into the {@link WitnessThread}
 * before the event, plus the thread's rendezvous state, both confined to the reporting thread, so
 * every decision is made without a lock; the checker lock is taken only to report, and to mark a
 * type's interrupt use ({@link #markIrq}), which is shared between CPUs. The rendezvous check
 * ({@link #rendezvousPoint}) runs first on nearly every event of a thread, so an
 * {@code owepreempt} change inside a handler is seen at the next event.
 */
final class ContextRules {
    private final WitnessState state;
    private final Dispatch dispatch;

    ContextRules(WitnessState state, Dispatch dispatch) {
        this.state = state;
        this.dispatch = dispatch;
    }

    /**
     * {@link Rule#PREEMPT_IN_RENDEZVOUS} once per handler run if {@code td_owepreempt} changed
     * since the handler started (r222254's check).
     */
    void rendezvousPoint(WitnessThread t, int site) {
        if (t.rendezvousDepth > 0 && t.owepreempt() != t.rendezvousOwepreempt && !t.rendezvousReported) {
            t.rendezvousReported = true;
            dispatch.run(t, () -> {
                String here = state.siteText(site);
                return state.report(Rule.PREEMPT_IN_RENDEZVOUS, here, ContextMessages.owepreemptChanged(
                        t.rendezvousOwepreempt, t.owepreempt(), here), List.of(), List.of(here),
                        List.of(state.backtrace()), t);
            });
        }
    }

    /**
     * Whether a sleep lock may block here: none of {@link #sleepLockForbidden}'s contexts. The
     * fast path's test, in one branch: the counts' OR is 0 when each is, and a count that went
     * negative, which {@link #sleepLockForbidden} lets pass, only sends the acquire to the slow path.
     */
    static boolean ordinary(WitnessThread t, CpuState cpu) {
        return t.ordinaryContext() & (t.rendezvousDepth | cpu.spinLocks().depth) == 0;
    }

    /**
     * A blocking acquire of sleep lock {@code lock} where blocking is forbidden, by precedence:
     * primary interrupt context, rendezvous handler, spin lock held, critical section or interrupts
     * off. Reports it and returns true, or returns false in an ordinary context.
     */
    boolean sleepLockForbidden(WitnessThread t, CpuState cpu, int lock, int site) {
        Rule rule;
        if (t.interruptNesting() > 0) {
            rule = Rule.SLEEP_LOCK_IN_INTERRUPT;
        } else if (t.inRendezvousHandler()) {
            rule = Rule.PREEMPT_IN_RENDEZVOUS;
        } else if (cpu.spinLocks().depth > 0) {
            rule = Rule.SLEEP_LOCK_UNDER_SPIN;
        } else if (t.critnest() > 0 || !t.interruptsEnabled()) {
            rule = Rule.SLEEP_LOCK_IN_CRITICAL;
        } else {
            return false;
        }
        boolean interruptsOnly = rule == Rule.SLEEP_LOCK_IN_CRITICAL && t.critnest() == 0;
        dispatch.run(t, () -> {
            String here = state.siteText(site);
            String message = interruptsOnly
                    ? ContextMessages.blockableInterruptsOff(state.className(lock), state.name(lock), here)
                    : ContextMessages.blockable(rule, state.className(lock), state.name(lock), here);
            return state.reportLock(rule, state.name(lock) + '\u0000' + here, message, lock, here, t);
        });
        return true;
    }

    /** {@link Witness#interruptsOn}: marks every spin lock held on the CPU "held with interrupts enabled". */
    void interruptsOn(WitnessThread t, int site) {
        rendezvousPoint(t, site);
        if (!t.interruptsEnabled()) {
            return;
        }
        HeldLocks spin = state.cpus.of(t).spinLocks();
        for (int i = 0; i < spin.depth; i++) {
            markIrq(t, spin.lock(i), site, false);
        }
    }

    /**
     * Marks spin lock {@code lock}'s type as used in primary interrupt context or held with
     * interrupts enabled; takes the lock only for a use not seen before, or for an inversion.
     */
    void markIrq(WitnessThread t, int lock, int site, boolean inInterrupt) {
        WitnessType c = state.typeOf(lock);
        boolean known = inInterrupt ? c.usedInInterrupt : c.heldWithInterrupts;
        if (!known || (c.usedInInterrupt && c.heldWithInterrupts)) {
            dispatch.run(t, () -> irqUse(t, c, site, inInterrupt));
        }
    }

    /** Marks a spin type's interrupt use and reports {@link Rule#IRQ_INVERSION}. Under the lock. */
    private Finding irqUse(WitnessThread t, WitnessType c, int site, boolean inInterrupt) {
        String here = state.siteText(site);
        boolean fresh = !(inInterrupt ? c.usedInInterrupt : c.heldWithInterrupts);
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
        Finding chain = fresh ? state.irqChains.marked(t, c, inInterrupt) : null;
        if (!(c.usedInInterrupt && c.heldWithInterrupts)) {
            return chain;
        }
        return state.report(Rule.IRQ_INVERSION, c.name, ContextMessages.irqInversion(c.className(), c.name,
                c.firstInterruptSite, c.firstEnabledSite), List.of(c.name),
                List.of(c.firstInterruptSite, c.firstEnabledSite), List.of(state.backtrace()), t);
    }

    /** {@link Witness#rendezvousEnter}: saves {@code owepreempt} at the outermost handler. */
    void rendezvousEnter(WitnessThread t, int site) {
        rendezvousPoint(t, site);
        if (t.rendezvousDepth++ == 0) {
            t.rendezvousOwepreempt = t.owepreempt();
            t.rendezvousReported = false;
        }
    }

    /** {@link Witness#rendezvousExit}. */
    void rendezvousExit(WitnessThread t, int site) {
        rendezvousPoint(t, site);
        if (t.rendezvousDepth > 0) {
            t.rendezvousDepth--;
        }
    }

    /**
     * {@link Witness#sleep} ({@code cv} false) and {@link Witness#cvWait} ({@code cv} true): the
     * sleep rules, checked under the lock when any could apply.
     */
    void sleep(WitnessThread t, boolean cv, String wmesg, long interlock, int site) {
        rendezvousPoint(t, site);
        CpuState cpu = state.cpus.of(t);
        if (t.interruptNesting() > 0 || t.inRendezvousHandler() || cpu.spinLocks().depth > 0
                || t.sleepLocks().depth > 0) {
            dispatch.run(t, () -> sleepCheck(t, cpu.spinLocks(), cv, wmesg, interlock, site));
        }
    }

    /**
     * Primary interrupt context, rendezvous handler, then
     * {@code witness_warn(WARN_GIANTOK | WARN_SLEEPOK, interlock, "Sleeping on \"%s\"")} (a condition
     * variable's {@code "Waiting on \"%s\""}): every
     * non-sleepable sleep lock but Giant and the interlock, and every spin lock but a lone spin
     * interlock. Under the lock.
     */
    private Finding sleepCheck(WitnessThread t, HeldLocks spin, boolean cv, String wmesg, long interlock,
            int site) {
        String here = state.siteText(site);
        List<Backtrace> stack = List.of(state.backtrace());
        if (t.inPrimaryInterrupt()) {
            return state.report(Rule.SLEEP_LOCK_IN_INTERRUPT, "sleep\u0000" + here,
                    ContextMessages.sleepInInterrupt(wmesg, here), List.of(), List.of(here), stack, t);
        }
        if (t.inRendezvousHandler()) {
            if (t.rendezvousReported) {
                return null;
            }
            t.rendezvousReported = true;
            return state.report(Rule.PREEMPT_IN_RENDEZVOUS, here, ContextMessages.sleepInRendezvous(wmesg, here),
                    List.of(), List.of(here), stack, t);
        }
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        HeldLocks sleep = t.sleepLocks();
        for (int i = sleep.depth - 1; i >= 0; i--) {
            if (sleep.instance(i) == interlock || LockId.isGiant(sleep.lock(i))
                    || sleep.sleepable(i)) {
                continue;
            }
            listLock(sleep, i, lines, names);
        }
        boolean loneSpinInterlock = spin.depth == 1 && spin.instance(0) == interlock && lines.isEmpty();
        for (int i = spin.depth - 1; i >= 0 && !loneSpinInterlock; i--) {
            listLock(spin, i, lines, names);
        }
        if (lines.isEmpty()) {
            return null;
        }
        return state.report(Rule.SLEEP_WITH_LOCKS_HELD, String.join("\u0000", new TreeSet<>(names)) + '\u0000' + here,
                ContextMessages.sleepWithLocks(cv, wmesg, lines), names, List.of(here), stack, t);
    }

    private void listLock(HeldLocks held, int i, List<String> lines, List<String> names) {
        int lock = held.lock(i);
        lines.add(Messages.listLock(held.exclusive(i), state.className(lock), state.name(lock), held.recursed(i),
                held.instance(i), state.recordedSite(held.site(i))));
        names.add(state.name(lock));
    }

    /** {@link Witness#contextSwitch}: the switch rules, by precedence. */
    void contextSwitch(WitnessThread t, SwitchKind kind, boolean threadLockHeld, int site) {
        rendezvousPoint(t, site);
        Rule rule;
        if (t.interruptNesting() > 0 && t.eoiPending()) {
            rule = Rule.PREEMPT_IN_INTERRUPT;
        } else if (t.inRendezvousHandler()) {
            if (t.rendezvousReported) {
                return;
            }
            t.rendezvousReported = true;
            rule = Rule.PREEMPT_IN_RENDEZVOUS;
        } else if (t.critnest() != 1 || !threadLockHeld) {
            rule = Rule.SWITCH_IN_CRITICAL;
        } else {
            return;
        }
        dispatch.run(t, () -> {
            String here = state.siteText(site);
            String message;
            if (rule == Rule.PREEMPT_IN_INTERRUPT) {
                message = ContextMessages.switchInInterrupt(kind, here);
            } else if (rule == Rule.PREEMPT_IN_RENDEZVOUS) {
                message = ContextMessages.switchInRendezvous(kind, here);
            } else {
                message = ContextMessages.switchInCritical(t.critnest(), threadLockHeld, here);
            }
            return state.report(rule, here, message, List.of(), List.of(here), List.of(state.backtrace()), t);
        });
    }

    /** {@link Witness#required}: a lock of the class held by this thread or on this CPU, in any mode. */
    void required(WitnessThread t, String lockName, int site) {
        rendezvousPoint(t, site);
        WitnessType c = state.classes.byName(lockName);
        if (c != null && (t.sleepLocks().holdsClass(c.id) || state.cpus.of(t).spinLocks().holdsClass(c.id))) {
            return;
        }
        dispatch.run(t, () -> {
            String here = state.siteText(site);
            String method = state.sites.method(site);
            return state.report(Rule.REQUIRED_LOCK_NOT_HELD, lockName + '\u0000' + method,
                    ContextMessages.requiredNotHeld(method, lockName, here), List.of(lockName), List.of(here),
                    List.of(state.backtrace()), t);
        });
    }

    /** {@link Witness#pcpuAccess}: migratable unless pinned, in a critical section, interrupts off or in a handler. */
    void pcpuAccess(WitnessThread t, int site) {
        rendezvousPoint(t, site);
        if (t.pinned() || t.critnest() > 0 || !t.interruptsEnabled() || t.interruptNesting() > 0) {
            return;
        }
        dispatch.run(t, () -> {
            String here = state.siteText(site);
            return state.report(Rule.PCPU_UNPINNED, here, ContextMessages.pcpuUnpinned(t.cpu(), here), List.of(),
                    List.of(here), List.of(state.backtrace()), t);
        });
    }
}
