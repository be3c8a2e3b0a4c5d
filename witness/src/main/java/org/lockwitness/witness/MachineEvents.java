package org.lockwitness.witness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Findings the machine reports about itself rather than about one lock operation:
 * {@link Rule#DEADLOCK}, a cycle of waiters (FreeBSD's nearest are the {@code deadlkres} watchdog
 * and DDB's {@code show sleepchain}), and {@link Rule#LOST_WAKEUP}, a sleep whose only wakeup came
 * first (no counterpart in WITNESS or lockdep). Both come without a thread's context.
 *
 * <p>For LOST_WAKEUP it also keeps, per wait channel, where the last wakeup that found no sleeper
 * came from ({@link #noSleeper}), so the finding can show the waker's site and stack beside the
 * sleeper's. A waker's stack is captured once per channel and site, then reused.
 *
 * <p>Thread-safety: each method takes the checker lock, which guards the wakeups kept.
 */
final class MachineEvents {
    /** How many (channel, site) stacks are kept before the cache starts over. */
    private static final int STACK_CACHE = 1024;

    /** A wakeup that found no sleeper: when, by whom, where. */
    private record Waker(long step, String thread, String site, Backtrace stack) {
    }

    private final WitnessState state;
    private final Dispatch dispatch;
    /** The last wakeup with no sleeper per channel; under the checker lock. */
    private final Map<String, Waker> lastWaker = new HashMap<>();
    /** The waker stacks by channel and site; under the checker lock. */
    private final Map<String, Backtrace> wakerStacks = new HashMap<>();

    MachineEvents(WitnessState state, Dispatch dispatch) {
        this.state = state;
        this.dispatch = dispatch;
    }

    /** {@link Witness#deadlock}: keyed by the lock set. */
    void deadlock(List<String> locks, List<String> threads) {
        dispatch.run(null, () -> state.report(Rule.DEADLOCK, String.join("\u0000", new TreeSet<>(locks)),
                Messages.deadlock(locks, threads), locks, List.of(), List.of(), threads, -1));
    }

    /** {@link Witness#noSleeper}: notes the waker of {@code ident} at {@code step}. */
    void noSleeper(WitnessThread t, String ident, long step, int site) {
        dispatch.run(t, () -> {
            String here = state.siteText(site);
            String key = ident + '\u0000' + here;
            Backtrace stack = wakerStacks.get(key);
            if (stack == null) {
                if (wakerStacks.size() >= STACK_CACHE) {
                    wakerStacks.clear();
                }
                stack = new Backtrace(Messages.WAKEUP_WITH_NO_SLEEPER_AT, state.backtrace().frames());
                wakerStacks.put(key, stack);
            }
            lastWaker.put(ident, new Waker(step, t.name, here, stack));
            return null;
        });
    }

    /** {@link Witness#lostWakeup}: keyed by the ident; with the waker's site and stack when known. */
    void lostWakeup(String ident, String thread, String waker, long step, int site, List<String> sleeperFrames) {
        dispatch.run(null, () -> {
            String here = state.siteText(site);
            Waker w = lastWaker.get(ident);
            boolean known = w != null && w.step() == step && w.thread().equals(waker);
            List<String> sites = known ? List.of(here, w.site()) : List.of(here);
            List<Backtrace> stacks = sleeperFrames.isEmpty() && !known ? List.of()
                    : known ? List.of(new Backtrace(Messages.SLEEPING_AT, sleeperFrames), w.stack())
                    : List.of(new Backtrace(Messages.SLEEPING_AT, sleeperFrames));
            String message = known ? Messages.lostWakeup(ident, thread, waker, here, w.site())
                    : Messages.lostWakeup(ident, thread, waker, here);
            return state.report(Rule.LOST_WAKEUP, ident, message, List.of(), sites, stacks, List.of(thread, waker),
                    -1);
        });
    }

    /** Forgets the wakeups kept, for the next schedule; takes the checker lock. */
    void reset() {
        synchronized (state) {
            lastWaker.clear();
            wakerStacks.clear();
        }
    }
}
