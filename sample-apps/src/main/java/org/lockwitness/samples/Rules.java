package org.lockwitness.samples;

import java.util.List;

/**
 * The witness's rule IDs, as the README's "Rules" section lists them, for checking
 * {@code explore --target}. The samples know no witness class and the checker SPI offers no rule
 * list, so this is a copy; {@code RulesTest} holds it equal to the witness's {@code Rule} enum.
 *
 * <p>Thread-safety: constants only.
 */
final class Rules {

    /** Every rule ID, in the witness's order. */
    static final List<String> IDS = List.of("LOCK_ORDER_REVERSAL", "DUPLICATE_LOCK_TYPE", "SLEEP_LOCK_UNDER_SPIN",
            "SLEEP_LOCK_IN_CRITICAL", "SLEEP_LOCK_IN_INTERRUPT", "SLEEP_WITH_LOCKS_HELD", "SWITCH_IN_CRITICAL",
            "PREEMPT_IN_RENDEZVOUS", "PREEMPT_IN_INTERRUPT", "SPIN_HELD_TOO_LONG", "RECURSION", "BAD_UPGRADE",
            "RELEASE_NOT_OWNED", "HELD_AT_EXIT", "DESTROY_HELD", "KIND_MISMATCH", "IRQ_INVERSION", "ASSERTION_FAILED",
            "REQUIRED_LOCK_NOT_HELD", "PCPU_UNPINNED", "DEADLOCK", "LOST_WAKEUP", "KERNEL_PANIC", "CHECKER_FAULT",
            "CHECKER_EXHAUSTED");

    private Rules() {
    }
}
