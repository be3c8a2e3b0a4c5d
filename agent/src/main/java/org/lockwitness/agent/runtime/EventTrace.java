package org.lockwitness.agent.runtime;

/**
 * The number of probe events seen and a hash of their sequence (kind, thread, CPU, critical
 * nesting, owed preemption, simulated step and lock name of each), shown as {@code eventsSeen} and
 * {@code eventTraceHash} in {@code witness.json}: two DETERMINISTIC runs of one seed have the same
 * hash exactly when the checker saw the same events in the same order. Reset with the checker.
 *
 * <p>Thread-safety: in DETERMINISTIC mode one kernel thread runs at a time and the machine's
 * hand-over orders their events, so plain fields suffice; in PARALLEL mode the values are
 * approximate, as that mode is.
 */
final class EventTrace {

    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;

    private static long events;
    private static long hash = FNV_OFFSET;

    private EventTrace() {
    }

    static void record(int kind, long tid, int cpu, int critnest, boolean owepreempt, long step, int lockHash) {
        long h = hash;
        h = (h ^ kind) * FNV_PRIME;
        h = (h ^ tid) * FNV_PRIME;
        h = (h ^ cpu) * FNV_PRIME;
        h = (h ^ critnest) * FNV_PRIME;
        h = (h ^ (owepreempt ? 1 : 0)) * FNV_PRIME;
        h = (h ^ step) * FNV_PRIME;
        hash = (h ^ lockHash) * FNV_PRIME;
        events++;
    }

    static long events() {
        return events;
    }

    static long hash() {
        return hash;
    }

    static void reset() {
        events = 0;
        hash = FNV_OFFSET;
    }
}
