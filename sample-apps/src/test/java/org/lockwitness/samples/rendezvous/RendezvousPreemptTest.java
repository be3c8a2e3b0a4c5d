package org.lockwitness.samples.rendezvous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RmLock;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.samples.workload.Variant;

/** The netisrs and the hook administrator do all their work, with either rendezvous action. */
class RendezvousPreemptTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void every_packet_is_read_every_interrupt_served_and_every_hook_added(Variant variant) {
        RendezvousPreempt w = new RendezvousPreempt();
        Machine m = w.configure(Machine.builder().cpus(2).seed(9), variant).build();
        RmLock hooks = new RmLock(RendezvousPreempt.HOOKS, 0);
        Netisr n0 = new Netisr(m, 0, hooks);
        Netisr n1 = new Netisr(m, 1, hooks);
        HookAdmin admin = new HookAdmin(hooks);
        n0.start(RendezvousPreempt.BURSTS, RendezvousPreempt.PACKETS);
        n1.start(RendezvousPreempt.BURSTS, RendezvousPreempt.PACKETS);
        admin.start(m, RendezvousPreempt.WRITES);
        RunResult r = m.run(w.profile().steps());
        assertEquals(RunResult.Status.COMPLETED, r.status(), r::toString);
        int packets = RendezvousPreempt.BURSTS * RendezvousPreempt.PACKETS;
        assertEquals(3 * packets, n0.ring());
        assertEquals(3 * packets, n1.ring());
        assertTrue(n0.interrupts() > 0 && n0.interrupts() <= packets, "raises coalesce: " + n0.interrupts());
        assertTrue(n1.interrupts() > 0 && n1.interrupts() <= packets, "raises coalesce: " + n1.interrupts());
        assertEquals(RendezvousPreempt.WRITES, admin.added());
        assertEquals(variant == Variant.BUGGY ? Machine.RendezvousAction.HISTORICAL : Machine.RendezvousAction.FIXED,
                m.rendezvousAction());
    }
}
