package org.lockwitness.witness;

import java.util.List;
import java.util.TreeSet;

/**
 * Findings the machine reports about itself rather than about one lock operation:
 * {@link Rule#DEADLOCK}, a cycle of waiters (FreeBSD's nearest are the {@code deadlkres} watchdog
 * and DDB's {@code show sleepchain}), and {@link Rule#LOST_WAKEUP}, a sleep whose only wakeup came
 * first (no counterpart in WITNESS or lockdep). Both come without a thread's context.
 *
 * <p>Thread-safety: stateless; each method takes the checker lock.
 */
final class MachineEvents {
    private final WitnessState state;
    private final Dispatch dispatch;

    MachineEvents(WitnessState state, Dispatch dispatch) {
        this.state = state;
        this.dispatch = dispatch;
    }

    /** {@link Witness#deadlock}: keyed by the lock set. */
    void deadlock(List<String> locks, List<String> threads) {
        dispatch.run(null, () -> state.report(Rule.DEADLOCK, String.join("\u0000", new TreeSet<>(locks)),
                Messages.deadlock(locks, threads), locks, List.of(), List.of(), threads, -1));
    }

    /** {@link Witness#lostWakeup}: keyed by the ident. */
    void lostWakeup(String ident, String thread, String waker, int site) {
        dispatch.run(null, () -> {
            String here = state.siteText(site);
            return state.report(Rule.LOST_WAKEUP, ident, Messages.lostWakeup(ident, thread, waker, here), List.of(),
                    List.of(here), List.of(), List.of(thread, waker), -1);
        });
    }
}
