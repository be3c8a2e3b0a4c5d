package org.lockwitness.kernel.probe;

import java.util.List;

/**
 * A machine run ended: what {@link Checker#runEnded} is told once no kernel thread of the machine
 * runs any more.
 *
 * <p>Thread-safety: immutable.
 *
 * @param machine  the machine's id, as in {@link RunStart#machine()}
 * @param outcome  how it ended: the name of the model's run status, {@code COMPLETED}, {@code HUNG},
 *                 {@code HALTED}, {@code TIMED_OUT} or {@code STEP_LIMIT}
 * @param reason   why, in words; for a panic {@code panic: } and the panic message
 * @param waiters  for a HUNG run, each blocked thread with what it waits for; else empty
 * @param steps    the scheduling points taken
 * @param wallNanos the wall-clock time of the run, in nanoseconds
 */
public record RunEnd(int machine, String outcome, String reason, List<String> waiters, long steps, long wallNanos) {

    /** Copies the waiters. */
    public RunEnd {
        waiters = List.copyOf(waiters);
    }
}
