package org.lockwitness.samples.netintr;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Serializer;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.workload.Profile;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * Seed 003, DragonFly's MPSAFE network interrupt: one LWKT serializer, "ifnet", shared by the
 * NIC's interrupt handler (registered with it, so the ithread enters it) and the ifnet entry points
 * {@code if_start}, {@code if_init} and {@code if_ioctl}, each of which {@code @Requires} it. A
 * FireWire driver that is not MPSAFE shares the IRQ; its handler {@code @Requires("Giant")}.
 * Buggy: with {@code kern.intr_mpsafe=1} the shared handler is registered MPSAFE and runs without
 * Giant, and the watchdog calls {@code if_start} without the serializer — both
 * REQUIRED_LOCK_NOT_HELD. Fixed: the FireWire handler runs under Giant and every entry point is
 * called serialized.
 *
 * <p>Thread-safety: immutable.
 */
public final class MpsafeNetintr implements Workload {

    private static final Profile PROFILE = new Profile("mpsafe-netintr", "003",
            "a NIC interrupt and the ifnet entry points share one serializer; a non-MPSAFE driver shares the IRQ",
            Set.of("REQUIRED_LOCK_NOT_HELD"), Set.of(), Optional.empty(), Checker.Windows.PROBES, 2, 1_000_000, 10_000);

    static final String IFNET = "ifnet";
    static final int PACKETS = 12;

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public void start(Machine machine, Variant variant, Consumer<String> console) {
        Serializer serializer = new Serializer(IFNET);
        InterruptSource irq = machine.interruptSource("irq11", 0, KThread.PI_NET);
        EmDriver em = new EmDriver();
        FwohciDriver fw = new FwohciDriver();
        irq.addHandler("em0", null, em::intr, InterruptSource.INTR_MPSAFE, serializer);
        boolean intrMpsafe = variant == Variant.BUGGY;
        irq.addHandler("fwohci0", null, fw::intr, intrMpsafe ? InterruptSource.INTR_MPSAFE : 0);
        machine.spawn("ifconfig em0", KThread.PRI_MIN_KERN, () -> {
            serializer.enter();
            em.ifInit();
            em.ifIoctl(EmDriver.SIOCSIFFLAGS);
            serializer.exit();
        }).bindTo(1);
        machine.spawn("em0 output", KThread.PRI_MIN_KERN, () -> {
            for (int p = 0; p < PACKETS; p++) {
                serializer.enter();
                em.enqueue(p);
                em.ifStart();
                serializer.exit();
                irq.raise();
                Machine.window();
            }
        }).bindTo(0);
        machine.spawn("em0 watchdog", KThread.PRI_MIN_KERN, () -> {
            Synch.pause("emwdog", 2);
            if (variant == Variant.BUGGY) {
                em.ifStart();
            } else {
                serializer.enter();
                em.ifStart();
                serializer.exit();
            }
            console.accept("em0: watchdog kicked if_start, " + em.sent() + " packets sent, " + em.interrupts()
                    + " interrupts; fwohci0: " + fw.interrupts() + " interrupts");
        }).bindTo(1);
    }
}
