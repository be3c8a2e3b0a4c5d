package org.lockwitness.samples.iflib;

import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Synch;

/**
 * A flow sending from one CPU: {@code iflib_if_transmit} picks the TX queue from the flow id and
 * enqueues into its ring; the simulated hardware answers each packet with a received one and a TX
 * completion on the RX vector of the same queue. The flow lingers after its last packet, as a
 * connection does, while the TX watchdog looks at its queue.
 *
 * <p>Thread-safety: runs on its own kernel thread.
 */
final class Traffic {

    /** How long a flow stays after its last packet: long enough for the TX timer to run twice. */
    static final int LINGER_TICKS = 3 * IflibTxq.TIMER_TICKS;

    private final IflibTxq[] txqs;
    private final IflibRxq[] rxqs;
    private final int cpu;

    Traffic(IflibTxq[] txqs, IflibRxq[] rxqs, int cpu) {
        this.txqs = txqs.clone();
        this.rxqs = rxqs.clone();
        this.cpu = cpu;
    }

    void start(Machine m, int packets) {
        m.spawn("flow" + cpu, KThread.PRI_MIN_KERN, () -> {
            for (int p = 0; p < packets; p++) {
                int flowid = cpu + p;
                txqs[flowid % txqs.length].transmit(p);
                rxqs[flowid % rxqs.length].packetArrived();
                if (p % 8 == 7) {
                    Synch.pause("txwait", 1);
                }
            }
            Synch.pause("linger", LINGER_TICKS);
        }).bindTo(cpu);
    }
}
