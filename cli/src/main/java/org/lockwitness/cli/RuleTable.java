package org.lockwitness.cli;

import java.util.List;

/**
 * Every rule of the README's rule list, each with its one-line description, a longer one and the help a
 * person needs to act on a finding: the one table that SARIF's {@code tool.driver.rules} draws from.
 * Immutable and thread-safe.
 */
final class RuleTable {
    /**
     * One rule.
     *
     * @param id the rule's name, as {@code witness.json} writes it
     * @param summary one line
     * @param description what the checker saw, in FreeBSD's or lockdep's terms
     * @param help what to do about it
     */
    record Entry(String id, String summary, String description, String help) {
    }

    static final List<Entry> RULES = List.of(
            new Entry("LOCK_ORDER_REVERSAL", "A cycle in the lock-order graph.",
                    "Locks of these classes were taken in orders that form a cycle (FreeBSD's \"lock order "
                            + "reversal\"); two threads following the two orders can deadlock.",
                    "Pick one order for these lock classes and take them in that order everywhere; declare it with "
                            + "'order: a -> b' so a violation is reported on first sight."),
            new Entry("DUPLICATE_LOCK_TYPE", "A second lock of a held class, blocking, without DUPOK.",
                    "A thread blocked on a second lock of a class it already holds (\"acquiring duplicate lock of same "
                            + "type\"); nothing orders two locks of one class.",
                    "Order the two instances explicitly, or give the class DUPOK if their order is guaranteed."),
            new Entry("SLEEP_LOCK_UNDER_SPIN", "A blockable lock acquired while a spin lock is held.",
                    "Blocking on a sleep lock while holding a spin lock can switch away with the spin lock held.",
                    "Release the spin lock first, or use a spin lock for the inner lock."),
            new Entry("SLEEP_LOCK_IN_CRITICAL",
                    "A blockable lock acquired in a critical section or with interrupts off.",
                    "Blocking inside critical_enter() or with interrupts disabled would switch threads where "
                            + "preemption is forbidden.",
                    "Take the lock before entering the critical section."),
            new Entry("SLEEP_LOCK_IN_INTERRUPT", "A blockable lock or a sleep in primary interrupt context.",
                    "A filter (primary interrupt handler) may not block: it runs on the interrupted thread's stack.",
                    "Defer the work to an ithread or a taskqueue, or use a spin lock in the filter."),
            new Entry("SLEEP_WITH_LOCKS_HELD", "Sleeping with non-sleepable locks held.",
                    "A thread slept while holding locks that may not be held across a sleep (Giant, the interlock and "
                            + "sleepable locks excepted).",
                    "Drop the locks before sleeping, or pass the interlock to the sleep primitive."),
            new Entry("SWITCH_IN_CRITICAL", "A context switch inside a critical section.",
                    "mi_switch ran at a critical nesting other than one with the thread lock held.",
                    "Leave the critical section before anything that may switch threads."),
            new Entry("PREEMPT_IN_RENDEZVOUS",
                    "A switch, blocking acquire or owed preemption in an SMP rendezvous handler.",
                    "A rendezvous handler was preempted or blocked while the other CPUs spin waiting for it (the "
                            + "FreeBSD r222254 bug).",
                    "Run rendezvous handlers in a critical section and never block in them."),
            new Entry("PREEMPT_IN_INTERRUPT", "A switch from primary interrupt context before EOI.",
                    "A thread switch happened in a primary interrupt handler before its end of interrupt.",
                    "Keep filters short and non-blocking; defer to an ithread."),
            new Entry("SPIN_HELD_TOO_LONG", "A spin lock held, or spun on, past the bound.",
                    "A spin lock was held or waited for longer than the configured number of scheduling points.",
                    "Shorten the section under the spin lock, or use a sleep lock."),
            new Entry("RECURSION", "Recursing on a non-recursable lock, or in a conflicting mode.",
                    "A thread acquired a lock it already holds, and the lock is not recursable in that mode.",
                    "Avoid taking the lock again, or initialise it as recursable if recursion is intended."),
            new Entry("BAD_UPGRADE", "Upgrade or downgrade of a lock not held, or in the wrong mode.",
                    "An upgrade or downgrade was asked of a lock the thread does not hold in the needed mode.",
                    "Hold the lock shared before an upgrade and exclusive before a downgrade."),
            new Entry("RELEASE_NOT_OWNED", "Releasing a lock not held, or in the wrong mode.",
                    "A thread released a lock it does not hold, or in a mode it does not hold it in.",
                    "Pair every release with the acquire of the same thread and mode."),
            new Entry("HELD_AT_EXIT", "A sleep lock held when its thread exits.",
                    "A thread exited with a sleep lock still held; every waiter blocks forever.",
                    "Release the lock on every path out of the thread."),
            new Entry("DESTROY_HELD", "Destroying a held lock.",
                    "A lock was destroyed while a thread held it.",
                    "Release the lock and make sure no thread can reach it before destroying it."),
            new Entry("KIND_MISMATCH", "A spin operation on a sleep lock, or the reverse, or a class enrolled twice.",
                    "The operation does not fit the lock's kind, or one name was initialised with two kinds or "
                            + "flags the kind does not allow.",
                    "Use the primitive of the lock's kind, and one kind per lock name."),
            new Entry("IRQ_INVERSION", "Interrupts enabled while holding a spin lock used in interrupt context.",
                    "A spin lock taken in primary interrupt context was also held with interrupts enabled; the "
                            + "interrupt can arrive on the holder's CPU and spin forever.",
                    "Hold this spin lock only with interrupts disabled (spinlock_enter)."),
            new Entry("ASSERTION_FAILED", "A lock assertion that does not hold.",
                    "A mtx_assert/sx_assert-style assertion about a lock's state failed.",
                    "Hold the lock in the asserted state at this point, or fix the assertion."),
            new Entry("REQUIRED_LOCK_NOT_HELD", "A @Requires method entered without its lock.",
                    "A method annotated @Requires(\"lock\") was called without that lock held.",
                    "Take the lock before calling the method, as its annotation requires."),
            new Entry("PCPU_UNPINNED", "Per-CPU data used while the thread may migrate.",
                    "Per-CPU data was touched without sched_pin, a critical section or interrupts off.",
                    "Pin the thread, or enter a critical section, around per-CPU accesses."),
            new Entry("DEADLOCK", "The machine is stuck: a cycle of waiters.",
                    "Every thread of the cycle waits for a lock that the next one holds.",
                    "Break the cycle with one lock order; the order edges show where each was taken."),
            new Entry("LOST_WAKEUP", "A thread sleeps forever on a wakeup that came before its sleep.",
                    "The only wakeup of the sleep channel happened before the thread slept.",
                    "Queue for the wakeup before dropping the lock that orders it (tsleep_interlock, msleep)."),
            new Entry("KERNEL_PANIC", "The model panicked and no finding of the same event explains it.",
                    "A panic or failed KASSERT of the kernel model, with its string and the site and stack of"
                            + " the panic call; the machine run halted there.",
                    "Read the panic string: the program broke a primitive's contract the witness has no rule for."),
            new Entry("CHECKER_FAULT", "The checker itself failed.",
                    "An exception in the checker or its glue; the run's other results may be incomplete.",
                    "Report it with the stack; the program under test is not at fault."),
            new Entry("CHECKER_EXHAUSTED", "The lock class table is full: the checker disabled itself.",
                    "More lock classes were enrolled than the class limit; checking stopped, as WITNESS does.",
                    "Raise the class limit, or give dynamically named locks one class name."));

    private RuleTable() {
    }
}
