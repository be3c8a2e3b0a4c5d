package org.lockwitness.witness;

import static org.lockwitness.witness.Messages.shown;

import java.util.List;

/**
 * The words of the rules about the machine around the locks, as {@link Messages} holds those of the
 * locks themselves: the context rules (FreeBSD's {@code witness_warn} for sleeps and waits, the
 * assertions of {@code mi_switch} and {@code smp_rendezvous_action}, lockdep's {@code mark_lock}
 * and {@code check_irq_usage}: SLEEP_LOCK_IN_INTERRUPT, SLEEP_LOCK_UNDER_SPIN,
 * SLEEP_LOCK_IN_CRITICAL, SLEEP_WITH_LOCKS_HELD, PREEMPT_IN_RENDEZVOUS, PREEMPT_IN_INTERRUPT,
 * SWITCH_IN_CRITICAL, IRQ_INVERSION, REQUIRED_LOCK_NOT_HELD, PCPU_UNPINNED) and the machine's events
 * (DEADLOCK, LOST_WAKEUP, KERNEL_PANIC, the machine runs), with the headings of their stack traces.
 * Every string from outside the witness is quoted through {@link Messages#shown}; a held lock is a
 * {@link Messages#listLock} line. {@code MessagesTest} pins every text. Stateless.
 */
final class ContextMessages {

    private ContextMessages() {
    }

    // ------------------------------------------------------------------ the context rules

    /** A blocking acquire in a forbidden context: the SLEEP_LOCK_* rules and PREEMPT_IN_RENDEZVOUS. */
    static String blockable(Rule rule, String className, String name, String site) {
        String what = "(" + className + ") " + shown(name) + " @ " + shown(site);
        switch (rule) {
            case SLEEP_LOCK_IN_INTERRUPT:
                return "acquiring blockable sleep lock in primary interrupt context " + what;
            case PREEMPT_IN_RENDEZVOUS:
                return "acquiring blockable sleep lock in an SMP rendezvous handler " + what;
            default:
                return "acquiring blockable sleep lock with spinlock or critical section held " + what;
        }
    }

    /**
     * {@link Rule#SLEEP_LOCK_IN_CRITICAL} outside any critical section and spin lock, with only the
     * CPU's interrupts disabled.
     */
    static String blockableInterruptsOff(String className, String name, String site) {
        return "acquiring blockable sleep lock with interrupts disabled (" + className + ") " + shown(name) + " @ "
                + shown(site);
    }

    /** {@link Rule#SLEEP_LOCK_IN_INTERRUPT} for a sleep. */
    static String sleepInInterrupt(String wmesg, String site) {
        return "sleeping on \"" + shown(wmesg) + "\" in primary interrupt context @ " + shown(site);
    }

    /** {@link Rule#PREEMPT_IN_RENDEZVOUS} for a sleep. */
    static String sleepInRendezvous(String wmesg, String site) {
        return "sleeping on \"" + shown(wmesg) + "\" in an SMP rendezvous handler @ " + shown(site);
    }

    /**
     * {@link Rule#SLEEP_WITH_LOCKS_HELD}; {@code lines} are {@link Messages#listLock} lines. A condition
     * variable's wait says {@code Waiting on}, as {@code _cv_wait}'s {@code WITNESS_WARN} does; a
     * sleep ({@code _sleep}) says {@code Sleeping on}.
     */
    static String sleepWithLocks(boolean cv, String wmesg, List<String> lines) {
        return (cv ? "Waiting on \"" : "Sleeping on \"") + shown(wmesg)
                + "\" with the following non-sleepable locks held:\n" + String.join("\n", lines);
    }

    /** {@link Rule#PREEMPT_IN_RENDEZVOUS}: the handler changed {@code td_owepreempt}. */
    static String owepreemptChanged(boolean before, boolean after, String site) {
        return "rendezvous action changed td_owepreempt (" + before + " -> " + after + ") @ " + shown(site);
    }

    /** {@link Rule#PREEMPT_IN_INTERRUPT}. */
    static String switchInInterrupt(SwitchKind kind, String site) {
        return "mi_switch (" + kind + ") from primary interrupt context before EOI @ " + shown(site);
    }

    /** {@link Rule#PREEMPT_IN_RENDEZVOUS} for a switch. */
    static String switchInRendezvous(SwitchKind kind, String site) {
        return "mi_switch (" + kind + ") in an SMP rendezvous handler @ " + shown(site);
    }

    /** {@link Rule#SWITCH_IN_CRITICAL}. */
    static String switchInCritical(int critnest, boolean threadLockHeld, String site) {
        return "mi_switch: switch in a critical section (critnest " + critnest + ", thread lock "
                + (threadLockHeld ? "held" : "not held") + ") @ " + shown(site);
    }

    /** {@link Rule#IRQ_INVERSION}. */
    static String irqInversion(String className, String name, String interruptSite, String enabledSite) {
        return "spin lock (" + className + ") " + shown(name) + " used in primary interrupt context @ "
                + shown(interruptSite) + " is held with interrupts enabled @ " + shown(enabledSite);
    }

    /**
     * {@link Rule#IRQ_INVERSION} along a chain (lockdep's {@code check_irq_usage}): the irq-safe class, the
     * irq-unsafe one, and the orders between them, one {@link #irqChainLink} a line.
     */
    static String irqChainInversion(String safeClass, String safe, String safeSite, String unsafeClass,
            String unsafe, String unsafeSite, List<String> links) {
        StringBuilder b = new StringBuilder("irq lock inversion: irq-safe lock (").append(safeClass).append(") ")
                .append(shown(safe)).append(", used in interrupt context @ ").append(shown(safeSite))
                .append(",\nis ordered before irq-unsafe lock (").append(unsafeClass).append(") ").append(shown(unsafe))
                .append(", held with interrupts enabled @ ").append(shown(unsafeSite)).append(':');
        for (String link : links) {
            b.append('\n').append(link);
        }
        return b.toString();
    }

    /** One order of an {@link #irqChainInversion} chain. */
    static String irqChainLink(String from, String to, String site) {
        return " lock order " + shown(from) + " -> " + shown(to) + " established at " + shown(site);
    }

    /** {@link Rule#REQUIRED_LOCK_NOT_HELD}. */
    static String requiredNotHeld(String method, String lockName, String site) {
        return shown(method) + " entered without lock \"" + shown(lockName) + "\" held @ " + shown(site);
    }

    /** {@link Rule#PCPU_UNPINNED}. */
    static String pcpuUnpinned(int cpu, String site) {
        return "using per-CPU data in migratable code (critnest 0, not pinned) on cpu " + cpu + " @ " + shown(site);
    }

    // ------------------------------------------------------------------ the machine

    /**
     * {@link Rule#DEADLOCK}: {@code threads.get(i)} waits for {@code locks.get(i)}, held by the next
     * thread, blocked at {@code sites.get(i)} (null: unknown, not shown) on CPU {@code cpus.get(i)}
     * (-1: unknown, not shown).
     */
    static String deadlock(List<String> locks, List<String> threads, List<String> sites, List<Integer> cpus) {
        StringBuilder msg = new StringBuilder("deadlock: cycle of waiters:");
        for (int i = 0; i < locks.size(); i++) {
            String waiter = i < threads.size() ? threads.get(i) : "?";
            String owner = threads.isEmpty() ? "?" : threads.get((i + 1) % threads.size());
            msg.append("\n thread ").append(shown(waiter)).append(" waits for \"").append(shown(locks.get(i)))
                    .append("\" held by thread ").append(shown(owner));
            if (i < sites.size() && sites.get(i) != null) {
                msg.append(" @ ").append(shown(sites.get(i)));
            }
            if (i < cpus.size() && cpus.get(i) >= 0) {
                msg.append(" on cpu ").append(cpus.get(i));
            }
        }
        return msg.toString();
    }

    /**
     * {@link Rule#DEADLOCK} of Java threads: {@link #deadlock}'s lines without CPUs, then, per
     * waiter, the locks it holds ({@code holds.get(i)}, each a {@link Messages#listLock} line): where it took
     * what the others wait for.
     */
    static String javaDeadlock(List<String> locks, List<String> threads, List<String> sites,
            List<List<String>> holds) {
        StringBuilder msg = new StringBuilder(deadlock(locks, threads, sites, List.of()));
        for (int i = 0; i < threads.size() && i < holds.size(); i++) {
            msg.append("\n thread ").append(shown(threads.get(i))).append(" holds:");
            for (String line : holds.get(i)) {
                msg.append("\n  ").append(line);
            }
        }
        return msg.toString();
    }

    /** The heading of a deadlock waiter's stack. */
    static String waiterBlocked(String thread, String lock) {
        return "thread " + shown(thread) + " blocked on \"" + shown(lock) + "\" at:";
    }

    /** {@link Rule#LOST_WAKEUP}. */
    static String lostWakeup(String ident, String thread, String waker, String site) {
        return "lost wakeup: thread " + shown(thread) + " sleeps forever on \"" + shown(ident)
                + "\", whose wakeup by thread " + shown(waker) + " came before the sleep @ " + shown(site);
    }

    /** {@link Rule#LOST_WAKEUP} with the waker's site. */
    static String lostWakeup(String ident, String thread, String waker, String site, String wakerSite) {
        return lostWakeup(ident, thread, waker, site) + "\nwakeup by thread " + shown(waker) + " @ "
                + shown(wakerSite);
    }

    /** The heading of a LOST_WAKEUP sleeper's stack. */
    static final String SLEEPING_AT = "sleeping at:";
    /** The heading of a LOST_WAKEUP waker's stack, captured when its wakeup found no sleeper. */
    static final String WAKEUP_WITH_NO_SLEEPER_AT = "wakeup with no sleeper at:";

    /** {@link Rule#KERNEL_PANIC}: FreeBSD's {@code panic: %s}, with the site of the panic call. */
    static String kernelPanic(String message, String site) {
        return "panic: " + message + " @ " + site;
    }

    /** The reason of a machine run whose end the witness was not told (machines are expected one at a time). */
    static final String OVERLAPPING_RUN = "another machine run started before this one ended";
}
