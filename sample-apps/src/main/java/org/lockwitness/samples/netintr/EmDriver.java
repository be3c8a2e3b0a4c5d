package org.lockwitness.samples.netintr;

import java.util.ArrayDeque;
import org.lockwitness.kernel.probe.Requires;

/**
 * The em(4) driver's ifnet entry points under DragonFly's network serializer: {@code if_start},
 * {@code if_init}, {@code if_ioctl} and the interrupt handler all run with the interface's
 * serializer held ({@code ASSERT_SERIALIZED}), expressed as {@code @Requires("ifnet")}.
 *
 * <p>Thread-safety: the send queue and counters are guarded by the serializer.
 */
final class EmDriver {

    static final int SIOCSIFFLAGS = 0x80206910;
    static final int EINVAL = 22;

    private final ArrayDeque<Integer> sendq = new ArrayDeque<>();
    private int sent;
    private int interrupts;
    private boolean running;

    /** {@code IF_ENQUEUE} onto {@code if_snd}. */
    @Requires(MpsafeNetintr.IFNET)
    void enqueue(int packet) {
        sendq.add(packet);
    }

    /** {@code em_start}: move the send queue to the hardware ring. */
    @Requires(MpsafeNetintr.IFNET)
    void ifStart() {
        if (!running) {
            return;
        }
        while (sendq.poll() != null) {
            sent++;
        }
    }

    /** {@code em_init}. */
    @Requires(MpsafeNetintr.IFNET)
    void ifInit() {
        running = true;
    }

    /** {@code em_ioctl}. @return 0, or {@link #EINVAL} for a command it does not know */
    @Requires(MpsafeNetintr.IFNET)
    int ifIoctl(int command) {
        return command == SIOCSIFFLAGS ? 0 : EINVAL;
    }

    /** {@code em_intr}: the ithread calls it through {@code lwkt_serialize_handler_call}. */
    @Requires(MpsafeNetintr.IFNET)
    void intr() {
        interrupts++;
        ifStart();
    }

    /** @return packets handed to the hardware */
    int sent() {
        return sent;
    }

    /** @return interrupts handled */
    int interrupts() {
        return interrupts;
    }
}
