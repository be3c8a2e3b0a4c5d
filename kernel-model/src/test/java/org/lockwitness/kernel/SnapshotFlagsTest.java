package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Snapshot#flags()} says what the five yes-or-no accessors say, in every state a thread passes through. */
class SnapshotFlagsTest {

    @Test
    void the_flag_set_agrees_with_each_accessor_as_the_context_changes() {
        Machine m = machine(2, 1).build();
        List<String> seen = new ArrayList<>();
        m.spawn("flags", KThread.PRI_MIN_KERN, () -> {
            seen.add(read());
            Sched.pin();
            seen.add(read());
            Spinlock.enter();
            seen.add(read());
            Spinlock.exit();
            Sched.unpin();
            seen.add(read());
        });
        runToCompletion(m);
        assertEquals(List.of("I", "I P", "P", "I"), seen);
    }

    @Test
    void the_five_bits_are_distinct() {
        int all = Snapshot.OWEPREEMPT | Snapshot.INTERRUPTS_ENABLED | Snapshot.EOI_PENDING | Snapshot.IN_RENDEZVOUS
                | Snapshot.PINNED;
        assertEquals(5, Integer.bitCount(all));
    }

    /** The flags by letter, after checking each bit against its accessor. */
    private static String read() {
        Snapshot s = KThread.curthread().snapshot();
        int f = s.flags();
        assertEquals(s.owepreempt(), (f & Snapshot.OWEPREEMPT) != 0);
        assertEquals(s.interruptsEnabled(), (f & Snapshot.INTERRUPTS_ENABLED) != 0);
        assertEquals(s.eoiPending(), (f & Snapshot.EOI_PENDING) != 0);
        assertEquals(s.inRendezvous(), (f & Snapshot.IN_RENDEZVOUS) != 0);
        assertEquals(s.pinned(), (f & Snapshot.PINNED) != 0);
        List<String> on = new ArrayList<>();
        if ((f & Snapshot.OWEPREEMPT) != 0) {
            on.add("O");
        }
        if ((f & Snapshot.INTERRUPTS_ENABLED) != 0) {
            on.add("I");
        }
        if ((f & Snapshot.EOI_PENDING) != 0) {
            on.add("E");
        }
        if ((f & Snapshot.IN_RENDEZVOUS) != 0) {
            on.add("R");
        }
        if ((f & Snapshot.PINNED) != 0) {
            on.add("P");
        }
        return String.join(" ", on);
    }
}
