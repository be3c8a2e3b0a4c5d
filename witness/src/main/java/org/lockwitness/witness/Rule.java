package org.lockwitness.witness;

/**
 * The witness's rules, with the stable IDs of DESIGN.md ("Rules"). Reports and tests use
 * {@link #name()}. Findings of one rule with the same key merge: the count grows and threads,
 * CPUs and sites are added. {@link #KERNEL_PANIC} and the last two constants, the checker's own
 * findings, are not in DESIGN.md's table. Immutable and thread-safe.
 */
public enum Rule {
    /** A cycle in the lock-order graph. Key: the unordered class set of the cycle. */
    LOCK_ORDER_REVERSAL,
    /** A second lock of a held class, blocking acquire, no DUPOK. Key: class. */
    DUPLICATE_LOCK_TYPE,
    /** A blockable lock acquired while a spin lock is held. Key: class, site. */
    SLEEP_LOCK_UNDER_SPIN,
    /** A blockable lock acquired in a critical section or with interrupts off. Key: class, site. */
    SLEEP_LOCK_IN_CRITICAL,
    /** A blockable lock or a sleep in primary interrupt context. Key: class, site. */
    SLEEP_LOCK_IN_INTERRUPT,
    /** Sleeping with non-sleepable locks held (Giant, the interlock, sleepable locks exempt). Key: classes, site. */
    SLEEP_WITH_LOCKS_HELD,
    /** A switch other than at critnest 1 with the thread lock held. Key: site. */
    SWITCH_IN_CRITICAL,
    /** A switch, a blocking acquire, or an owepreempt change in a rendezvous handler. Key: site. */
    PREEMPT_IN_RENDEZVOUS,
    /** A switch from primary interrupt context before EOI. Key: site. */
    PREEMPT_IN_INTERRUPT,
    /** A spin lock held, or spun on, past the bound in scheduling points. Key: class. */
    SPIN_HELD_TOO_LONG,
    /** Recursing on a non-recursable lock, or in a conflicting mode. Key: class, site. */
    RECURSION,
    /** Upgrade or downgrade of a lock not held, or in the wrong mode. Key: class, site. */
    BAD_UPGRADE,
    /** Releasing a lock not held, or in the wrong mode. Key: class, site. */
    RELEASE_NOT_OWNED,
    /** A sleep lock held when its thread exits. Key: class. */
    HELD_AT_EXIT,
    /** Destroying a held lock. Key: class. */
    DESTROY_HELD,
    /** A spin operation on a sleep lock or the reverse, or a lock enrolled with another kind. Key: class. */
    KIND_MISMATCH,
    /** Interrupts enabled while holding a spin lock used in primary interrupt context. Key: class. */
    IRQ_INVERSION,
    /** A lock assertion that does not hold. Key: class, site. */
    ASSERTION_FAILED,
    /** A {@code @Requires} method entered without its lock. Key: class, method. */
    REQUIRED_LOCK_NOT_HELD,
    /** Per-CPU data used while the thread may migrate. Key: site. */
    PCPU_UNPINNED,
    /** The machine is stuck: the cycle of waiters. Key: classes. */
    DEADLOCK,
    /** A thread sleeps forever on an ident whose only wakeup came before its sleep. Key: ident. */
    LOST_WAKEUP,
    /**
     * The model panicked and no finding of the same event explains it (one that does carries the
     * panic text instead). Key: panic message, site.
     */
    KERNEL_PANIC,
    /** The checker itself failed (an exception in the checker or its host glue). Key: where, exception class. */
    CHECKER_FAULT,
    /**
     * The class table or the order table is full: the checker disabled itself, as WITNESS does. The message names the
     * table and its size. A full stack store is not a finding: orders are then kept without stacks. Key: the table.
     */
    CHECKER_EXHAUSTED
}
