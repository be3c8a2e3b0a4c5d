package org.lockwitness.witness;

/**
 * Why a thread switches off its CPU ({@code SW_VOL}, {@code SW_INVOL}, {@code SW_PREEMPT}), passed to
 * {@link Witness#contextSwitch}. Immutable and thread-safe.
 */
public enum SwitchKind {
    /** The thread blocks or sleeps. */
    VOLUNTARY,
    /** The thread is switched out involuntarily (time slice, yield). */
    INVOLUNTARY,
    /** The thread is preempted by a more urgent one. */
    PREEMPT
}
