package org.lockwitness.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.Snapshot;
import org.lockwitness.witness.WitnessThread;

/** The model's context flags reach the witness as the bits of the same facts. */
class ContextFlagsTest {

    @Test
    void each_model_flag_becomes_the_witness_flag_of_the_same_fact() {
        assertEquals(WitnessThread.CTX_OWEPREEMPT, ContextFlags.of(Snapshot.OWEPREEMPT));
        assertEquals(WitnessThread.CTX_INTERRUPTS_ENABLED, ContextFlags.of(Snapshot.INTERRUPTS_ENABLED));
        assertEquals(WitnessThread.CTX_EOI_PENDING, ContextFlags.of(Snapshot.EOI_PENDING));
        assertEquals(WitnessThread.CTX_IN_RENDEZVOUS, ContextFlags.of(Snapshot.IN_RENDEZVOUS));
        assertEquals(WitnessThread.CTX_PINNED, ContextFlags.of(Snapshot.PINNED));
    }

    @Test
    void the_short_cut_and_the_bit_by_bit_translation_agree_on_every_set() {
        for (int f = 0; f < 32; f++) {
            int model = ((f & 1) != 0 ? Snapshot.OWEPREEMPT : 0) | ((f & 2) != 0 ? Snapshot.INTERRUPTS_ENABLED : 0)
                    | ((f & 4) != 0 ? Snapshot.EOI_PENDING : 0) | ((f & 8) != 0 ? Snapshot.IN_RENDEZVOUS : 0)
                    | ((f & 16) != 0 ? Snapshot.PINNED : 0);
            assertEquals(ContextFlags.translate(model), ContextFlags.of(model), "flags " + f);
        }
    }
}
