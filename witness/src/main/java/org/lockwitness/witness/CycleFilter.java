package org.lockwitness.witness;

/**
 * The filters of lock-order cycles among Java locks ({@link LockKind#isJava()}): a cycle one of
 * them explains is still a {@link Rule#LOCK_ORDER_REVERSAL} finding, with the filter as its
 * {@link Finding#qualifier()} and the reason in its message, but its policy is demoted to
 * {@link Policy#WARN}, so it fails nothing. Each is on by default and switched with
 * {@link WitnessOptions.Builder#cycleFilter}. The kernel model's locks keep FreeBSD's behaviour:
 * a cycle with a lock of another kind is never filtered. Immutable and thread-safe.
 */
public enum CycleFilter {
    /**
     * Every order of the cycle was taken by one and the same thread, which cannot deadlock with
     * itself on reentrant locks.
     */
    SINGLE_THREAD("single-thread", "filterSingleThread"),
    /**
     * One lock (a gate) was held at every acquire that took an order of the cycle: two threads
     * can never be inside the cycle at once.
     */
    GATE_LOCK("gate-lock", "filterGateLock"),
    /**
     * Two orders of the cycle were taken by threads that cannot overlap: one ended (was joined)
     * before the other was started, by the happens-before of {@code Thread.start} and
     * {@code Thread.join} alone (Goodlock's rule).
     */
    START_JOIN("start-join", "filterStartJoin"),
    /**
     * Every lock of the cycle is a read/write lock and no write acquire of any of them was seen:
     * readers queue behind a writer only when one waits, so the cycle needs a writer the run never
     * had.
     */
    READ_READ("read-read", "filterReadRead");

    private final String label;
    private final String option;

    CycleFilter(String label, String option) {
        this.label = label;
        this.option = option;
    }

    /** The short name reports show, e.g. {@code "single-thread"}. */
    public String label() {
        return label;
    }

    /** The agent option that switches it, e.g. {@code "filterSingleThread"}. */
    public String option() {
        return option;
    }
}
