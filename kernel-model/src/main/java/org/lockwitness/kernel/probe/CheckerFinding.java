package org.lockwitness.kernel.probe;

import java.util.List;

/**
 * One finding as a checker reports it to the model's side (samples, tests).
 *
 * @param rule    the stable rule ID, e.g. {@code LOCK_ORDER_REVERSAL}
 * @param message the checker's message, in FreeBSD's wording where FreeBSD has one
 * @param locks   the lock (class) names involved, the whole cycle for a reversal
 * @param sites   the call sites, {@code file:line}
 * @param count   how many times it was seen
 */
public record CheckerFinding(String rule, String message, List<String> locks, List<String> sites, int count) {

    /** Copies the lists. */
    public CheckerFinding {
        locks = List.copyOf(locks);
        sites = List.copyOf(sites);
    }
}
