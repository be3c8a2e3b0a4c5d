package org.lockwitness.witness;

/**
 * What a finding of a rule does besides being recorded and reported (FreeBSD's {@code witness_kdb} and
 * {@code witness_trace} knobs, per rule). Set with {@link WitnessOptions.Builder#policy}. Immutable and thread-safe.
 */
public enum Policy {
    /** Record and report only (the default). */
    WARN,
    /** Record, report, and make {@link Witness#hasFailures()} true. */
    FAIL,
    /** As {@link #FAIL}, then call the panic handler so the host can halt the machine. */
    PANIC
}
