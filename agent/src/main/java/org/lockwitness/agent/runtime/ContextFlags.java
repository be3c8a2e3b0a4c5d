package org.lockwitness.agent.runtime;

import org.lockwitness.kernel.Snapshot;
import org.lockwitness.witness.WitnessThread;

/**
 * The model's context flags ({@link Snapshot#flags()}) as the witness's ({@code WitnessThread.CTX_*}).
 * The two sets name the same five facts, each side in its own module; where their bits agree, as
 * they do today, the translation is the identity, which the JIT folds away, and a change on either
 * side costs only speed, never a wrong flag.
 *
 * <p>Thread-safety: stateless.
 */
final class ContextFlags {

    /** Whether every model bit is the witness bit of the same fact. */
    private static final boolean SAME = Snapshot.OWEPREEMPT == WitnessThread.CTX_OWEPREEMPT
            && Snapshot.INTERRUPTS_ENABLED == WitnessThread.CTX_INTERRUPTS_ENABLED
            && Snapshot.EOI_PENDING == WitnessThread.CTX_EOI_PENDING
            && Snapshot.IN_RENDEZVOUS == WitnessThread.CTX_IN_RENDEZVOUS
            && Snapshot.PINNED == WitnessThread.CTX_PINNED;

    private ContextFlags() {
    }

    /** The witness's bits for the model's {@code flags}. */
    static int of(int flags) {
        return SAME ? flags : translate(flags);
    }

    /** Bit by bit, for when the two sets differ. */
    static int translate(int flags) {
        return ((flags & Snapshot.OWEPREEMPT) != 0 ? WitnessThread.CTX_OWEPREEMPT : 0)
                | ((flags & Snapshot.INTERRUPTS_ENABLED) != 0 ? WitnessThread.CTX_INTERRUPTS_ENABLED : 0)
                | ((flags & Snapshot.EOI_PENDING) != 0 ? WitnessThread.CTX_EOI_PENDING : 0)
                | ((flags & Snapshot.IN_RENDEZVOUS) != 0 ? WitnessThread.CTX_IN_RENDEZVOUS : 0)
                | ((flags & Snapshot.PINNED) != 0 ? WitnessThread.CTX_PINNED : 0);
    }
}
