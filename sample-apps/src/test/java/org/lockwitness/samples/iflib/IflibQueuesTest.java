package org.lockwitness.samples.iflib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.samples.workload.Variant;

/** The iflib NIC without the agent: every packet goes out and comes back, and the watchdog resets the wedged queue. */
class IflibQueuesTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void every_packet_is_sent_and_received_and_the_wedged_queue_is_reset(Variant variant) {
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        Machine m = Machine.builder().cpus(2).seed(3).build();
        IflibQueues.Nic nic = IflibQueues.attach(m, variant, console::add);
        for (int cpu = 0; cpu < 2; cpu++) {
            new Traffic(nic.txqs(), nic.rxqs(), cpu).start(m, IflibQueues.PACKETS);
        }
        m.spawn("ifconfig", KThread.PRI_MIN_KERN, () -> {
            nic.ctx().ioctlSetMtu(IflibQueues.JUMBO_MTU);
            nic.link().flap();
        }).bindTo(IflibQueues.ADMIN_CPU);
        RunResult r = m.run(2_000_000);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r::toString);
        assertEquals(List.of("ix0: Using 2 RX queues 2 TX queues", "ix0: Using MSI-X interrupts with 3 vectors"),
                console.subList(0, 2));
        int sent = 0;
        for (IflibTxq q : nic.txqs()) {
            sent += q.encapsulated();
        }
        int received = 0;
        for (IflibRxq q : nic.rxqs()) {
            received += q.received();
        }
        assertEquals(2 * IflibQueues.PACKETS, sent);
        assertEquals(2 * IflibQueues.PACKETS, received);
        assertTrue(nic.ctx().resets() >= 1, console::toString);
        assertEquals(IflibQueues.JUMBO_MTU, nic.ctx().mtu());
        assertEquals(1, nic.link().changes(), "the link filter saw the flap");
        assertTrue(console.contains("ix0: TX(0) watchdog timeout -- resetting"), console::toString);
    }
}
