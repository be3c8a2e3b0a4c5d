package org.lockwitness.agent.runtime;

/**
 * The number of probe events seen and a hash of their sequence (kind, thread, CPU, critical
 * nesting, owed preemption, simulated step and lock name of each), shown as {@code eventsSeen} and
 * {@code eventTraceHash} in {@code witness.json}: two DETERMINISTIC runs of one seed have the same
 * hash exactly when the checker saw the same events in the same order. Reset with the checker.
 *
 * <p>Design: a DETERMINISTIC machine runs one CPU at a time, so its events go into one ordered hash
 * ({@link #record}) and the hash detects any reordering. A PARALLEL machine runs its CPUs at once;
 * one shared hash would make every event a write to the same cache line from every CPU, so each
 * CPU has its own count and hash ({@link #recordOnCpu}), {@link #STRIDE} longs apart (no false
 * sharing), combined when read. The events that any thread may report (lock construction, the
 * deadlock and lost-wakeup verdicts) use the ordered hash in both modes.
 *
 * <p>Thread-safety: in DETERMINISTIC mode the machine's hand-over orders the events, so plain fields
 * suffice; in PARALLEL mode each CPU's slot is written by the thread running on that CPU, and the
 * combined values are approximate, as that mode is.
 */
final class EventTrace {

    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    /** Longs between two CPUs' slots: 128 bytes, two cache lines. */
    private static final int STRIDE = 16;
    /** The model's CPU ids are 0..31; -1 (no CPU) takes slot 0. */
    private static final int SLOTS = 33;

    private static long events;
    private static long hash = FNV_OFFSET;
    /** Per CPU: the event count at {@code slot * STRIDE}, the hash at {@code slot * STRIDE + 1}. */
    private static final long[] PER_CPU = new long[(SLOTS + 1) * STRIDE];

    static {
        resetCpus();
    }

    private EventTrace() {
    }

    /** An event in the ordered hash: DETERMINISTIC mode, or a thread that is on no CPU. */
    static void record(int kind, long tid, int cpu, int critnest, boolean owepreempt, long step, int lockHash) {
        hash = mix(hash, kind, tid, cpu, critnest, owepreempt, step, lockHash);
        events++;
    }

    /** An event of a PARALLEL machine, in the hash of its CPU. */
    static void recordOnCpu(int kind, long tid, int cpu, int critnest, boolean owepreempt, long step,
            int lockHash) {
        int i = (Math.floorMod(cpu + 1, SLOTS) + 1) * STRIDE;
        PER_CPU[i + 1] = mix(PER_CPU[i + 1], kind, tid, cpu, critnest, owepreempt, step, lockHash);
        PER_CPU[i]++;
    }

    private static long mix(long start, int kind, long tid, int cpu, int critnest, boolean owepreempt, long step,
            int lockHash) {
        long h = start;
        h = (h ^ kind) * FNV_PRIME;
        h = (h ^ tid) * FNV_PRIME;
        h = (h ^ cpu) * FNV_PRIME;
        h = (h ^ critnest) * FNV_PRIME;
        h = (h ^ (owepreempt ? 1 : 0)) * FNV_PRIME;
        h = (h ^ step) * FNV_PRIME;
        return (h ^ lockHash) * FNV_PRIME;
    }

    static long events() {
        long n = events;
        for (int s = 1; s <= SLOTS; s++) {
            n += PER_CPU[s * STRIDE];
        }
        return n;
    }

    /** The ordered hash, folded with each CPU's hash that saw an event (CPU order); the ordered hash alone when none did. */
    static long hash() {
        long h = hash;
        for (int s = 1; s <= SLOTS; s++) {
            if (PER_CPU[s * STRIDE] != 0) {
                h = (h ^ PER_CPU[s * STRIDE + 1]) * FNV_PRIME;
            }
        }
        return h;
    }

    static void reset() {
        events = 0;
        hash = FNV_OFFSET;
        resetCpus();
    }

    private static void resetCpus() {
        for (int s = 1; s <= SLOTS; s++) {
            PER_CPU[s * STRIDE] = 0;
            PER_CPU[s * STRIDE + 1] = FNV_OFFSET;
        }
    }
}
