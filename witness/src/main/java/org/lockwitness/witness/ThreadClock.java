package org.lockwitness.witness;

import java.util.Arrays;

/**
 * A vector clock over Java thread ids, advanced only by {@code Thread.start} and
 * {@code Thread.join} ({@link StartJoin}): entry {@code x} is how far this clock knows thread
 * {@code x}'s own time. An event of thread {@code x} at clock {@code a} happens before an event at
 * clock {@code b} exactly when {@code a.get(x) <= b.get(x)}. At most {@link #MAX_ENTRIES} entries:
 * a clock that would know more threads forgets the newcomers, which can only make two events look
 * concurrent, never ordered. Immutable and thread-safe; shared by every order recorded in one
 * stretch of a thread's life.
 */
final class ThreadClock {
    /** The most threads one clock knows. */
    static final int MAX_ENTRIES = 256;

    private final long[] tids;
    private final int[] times;

    private ThreadClock(long[] tids, int[] times) {
        this.tids = tids;
        this.times = times;
    }

    /** The clock of a thread whose start was not seen: its own time 1, nothing else known. */
    static ThreadClock initial(long tid) {
        return new ThreadClock(new long[] {tid}, new int[] {1});
    }

    /** Thread {@code tid}'s time as far as this clock knows it; 0 for unknown. */
    int get(long tid) {
        int i = Arrays.binarySearch(tids, tid);
        return i < 0 ? 0 : times[i];
    }

    /** This clock with thread {@code tid}'s time set to {@code time}. */
    ThreadClock with(long tid, int time) {
        int i = Arrays.binarySearch(tids, tid);
        if (i >= 0) {
            int[] t = times.clone();
            t[i] = time;
            return new ThreadClock(tids, t);
        }
        if (tids.length >= MAX_ENTRIES) {
            return this;
        }
        int at = -i - 1;
        long[] ids = new long[tids.length + 1];
        int[] t = new int[tids.length + 1];
        System.arraycopy(tids, 0, ids, 0, at);
        System.arraycopy(times, 0, t, 0, at);
        ids[at] = tid;
        t[at] = time;
        System.arraycopy(tids, at, ids, at + 1, tids.length - at);
        System.arraycopy(times, at, t, at + 1, tids.length - at);
        return new ThreadClock(ids, t);
    }

    /** This clock with thread {@code tid}'s own time one further. */
    ThreadClock tick(long tid) {
        return with(tid, get(tid) + 1);
    }

    /** The entry-wise maximum of this clock and {@code other}. */
    ThreadClock join(ThreadClock other) {
        ThreadClock c = this;
        for (int i = 0; i < other.tids.length; i++) {
            if (c.get(other.tids[i]) < other.times[i]) {
                c = c.with(other.tids[i], other.times[i]);
            }
        }
        return c;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < tids.length; i++) {
            b.append(i == 0 ? "" : ", ").append(tids[i]).append(':').append(times[i]);
        }
        return b.append('}').toString();
    }
}
