package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The context {@link WitnessThread#at} records comes back whole from its packed words. */
class WitnessThreadContextTest {

    private final Witness witness = Witness.create(WitnessOptions.defaults());

    @Test
    void every_field_comes_back_as_recorded() {
        WitnessThread t = witness.thread(1, "ctx");
        t.at(31, 3, true, false, 2, true, false, true, 77);
        assertEquals(31, t.cpu());
        assertEquals(3, t.critnest());
        assertEquals(2, t.interruptNesting());
        assertTrue(t.owepreempt());
        assertFalse(t.interruptsEnabled());
        assertTrue(t.eoiPending());
        assertFalse(t.inRendezvous());
        assertTrue(t.pinned());
        assertEquals(77, t.step);
        assertFalse(t.ordinaryContext());
        t.at(0, 0, false, true, 0, false, true, false, 78);
        assertTrue(t.inRendezvous());
        assertFalse(t.ordinaryContext(), "a rendezvous handler");
        t.at(0, 0, false, true, 0, false, false, false, 79);
        assertTrue(t.ordinaryContext());
        t.at(0, 1, false, true, 0, false, false, false, 80);
        assertFalse(t.ordinaryContext(), "a critical section");
        t.at(0, 0, false, true, 1, false, false, false, 81);
        assertFalse(t.ordinaryContext(), "an interrupt");
    }

    @Test
    void negative_nestings_keep_their_sign_and_do_not_leak_into_each_other() {
        WitnessThread t = witness.thread(2, "neg").at(0, -1, false, true, 0, false, false, false, 0);
        assertEquals(-1, t.critnest());
        assertEquals(0, t.interruptNesting());
        t.at(0, 0, false, true, -2, false, false, false, 0);
        assertEquals(0, t.critnest());
        assertEquals(-2, t.interruptNesting());
    }

    @Test
    void the_context_word_keeps_every_field_at_its_limits() {
        WitnessThread t = witness.thread(5, "limits");
        t.at(WitnessThread.MAX_CPU, Integer.MIN_VALUE, true, true, Integer.MAX_VALUE, true, true, true, Long.MAX_VALUE);
        assertEquals(WitnessThread.MAX_CPU, t.cpu());
        assertEquals(Integer.MIN_VALUE, t.critnest());
        assertEquals(Byte.MAX_VALUE, t.interruptNesting(), "a deep nesting saturates but stays positive");
        assertTrue(t.owepreempt() && t.interruptsEnabled() && t.eoiPending() && t.inRendezvous() && t.pinned());
        assertEquals(Long.MAX_VALUE, t.step);
        t.at(0, Integer.MAX_VALUE, false, false, Integer.MIN_VALUE, false, false, false, 0);
        assertEquals(0, t.cpu());
        assertEquals(Integer.MAX_VALUE, t.critnest());
        assertEquals(Byte.MIN_VALUE, t.interruptNesting(), "a negative nesting saturates but stays negative");
        assertFalse(t.owepreempt() || t.interruptsEnabled() || t.eoiPending() || t.inRendezvous() || t.pinned());
        t.at(0, 0, false, true, 256, false, false, false, 0);
        assertTrue(t.interruptNesting() > 0, "256 is not read as 0");
        assertFalse(t.ordinaryContext());
    }

    @Test
    void the_flag_set_form_records_what_the_boolean_form_does() {
        WitnessThread t = witness.thread(7, "flags");
        int[] bits = {WitnessThread.CTX_OWEPREEMPT, WitnessThread.CTX_INTERRUPTS_ENABLED,
            WitnessThread.CTX_EOI_PENDING, WitnessThread.CTX_IN_RENDEZVOUS, WitnessThread.CTX_PINNED};
        for (int f = 0; f < 32; f++) {
            boolean[] on = new boolean[bits.length];
            for (int b = 0; b < bits.length; b++) {
                on[b] = (f & bits[b]) != 0;
            }
            t.at(5, 2, 1, f | ~0x1F, 40 + f);
            assertEquals(on[0], t.owepreempt(), "flags " + f);
            assertEquals(on[1], t.interruptsEnabled(), "flags " + f);
            assertEquals(on[2], t.eoiPending(), "flags " + f);
            assertEquals(on[3], t.inRendezvous(), "flags " + f);
            assertEquals(on[4], t.pinned(), "flags " + f);
            assertEquals(5, t.cpu(), "bits outside the five leak into nothing");
            assertEquals(2, t.critnest());
            assertEquals(1, t.interruptNesting());
            assertEquals(40 + f, t.step);
        }
        assertEquals(5, Integer.bitCount(WitnessThread.CTX_OWEPREEMPT | WitnessThread.CTX_INTERRUPTS_ENABLED
                | WitnessThread.CTX_EOI_PENDING | WitnessThread.CTX_IN_RENDEZVOUS | WitnessThread.CTX_PINNED));
        assertThrows(IllegalArgumentException.class, () -> t.at(-1, 0, 0, 0, 0));
        assertEquals(5, t.cpu());
    }

    @Test
    void a_cpu_id_out_of_range_is_refused_and_changes_nothing() {
        WitnessThread t = witness.thread(6, "range").at(7, 2, false, true, 0, false, false, false, 9);
        assertThrows(IllegalArgumentException.class, () -> t.at(-1, 0, false, true, 0, false, false, false, 10));
        assertThrows(IllegalArgumentException.class,
                () -> t.at(WitnessThread.MAX_CPU + 1, 0, false, true, 0, false, false, false, 10));
        assertEquals(7, t.cpu());
        assertEquals(2, t.critnest());
        assertEquals(9, t.step);
    }

    @Test
    void a_thread_starts_with_interrupts_on_and_a_java_thread_in_ordinary_context() {
        assertTrue(witness.thread(3, "new").interruptsEnabled());
        WitnessThread t = witness.javaThread(4, "java");
        assertEquals(WitnessThread.JAVA_CPU, t.cpu());
        assertTrue(t.ordinaryContext());
    }
}
