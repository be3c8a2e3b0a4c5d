package org.lockwitness.witness;

import java.util.HashMap;
import java.util.Map;

/**
 * The happens-before of {@code Thread.start} and {@code Thread.join} among Java threads, and
 * nothing finer (no locks, volatiles or queues): Goodlock's rule for telling apart lock orders that
 * can overlap in time from those that cannot (Havelund's GoodLock, as refined by Bensalem and
 * Havelund with start/join segments). Feeds {@link CycleFilter#START_JOIN}.
 *
 * <h2>Design</h2>
 * Each thread that started, joined or was started has a {@link ThreadClock}. A start copies the
 * parent's clock into the child (own time 1) and then advances the parent's own time, so that
 * what the parent does afterwards is not before the child; a join, once the joined thread has
 * ended, merges the joined thread's last clock into the joiner's and advances the joiner. A thread
 * never seen starting (the main thread, pool threads started by code that is not instrumented)
 * has the {@link ThreadClock#initial} clock, concurrent with everything it was not joined into.
 * At most {@link #LIMIT} threads are tracked; past it starts are not recorded, so later threads look
 * concurrent with everything (a cycle among them is not filtered, never wrongly filtered).
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe: used only under the checker lock.
 */
final class StartJoin {
    /** The most threads tracked. */
    static final int LIMIT = 1 << 16;

    private final Map<Long, ThreadClock> clocks = new HashMap<>();

    /** The current clock of thread {@code tid}. */
    ThreadClock clock(long tid) {
        ThreadClock c = clocks.get(tid);
        return c != null ? c : ThreadClock.initial(tid);
    }

    /**
     * Thread {@code parent} starts thread {@code child}.
     *
     * @return the parent's own time after the start
     */
    int started(long parent, long child) {
        ThreadClock p = clock(parent);
        if (clocks.size() < LIMIT && !clocks.containsKey(child)) {
            clocks.put(child, p.with(child, 1));
        }
        ThreadClock next = p.tick(parent);
        clocks.put(parent, next);
        return next.get(parent);
    }

    /**
     * Thread {@code tid} returned from joining thread {@code child}, which has ended.
     *
     * @return the joiner's own time after the join
     */
    int joined(long tid, long child) {
        ThreadClock next = clock(tid).join(clock(child)).tick(tid);
        clocks.put(tid, next);
        return next.get(tid);
    }
}
