package org.lockwitness.samples.iflib;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.TaskqGroup;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.workload.Profile;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * Seed 000's title, "flexible iflib nic queues": a simulated ixgbe NIC under iflib. Its queue
 * counts come from {@link MsixInit}; per RX vector a filter that only enqueues grouptasks; per TX
 * queue a mutex that is also its watchdog callout's mutex and an mp_ring; the ctx sx and the state
 * mutex, taken by the admin task, the MTU ioctl and the transmit path in iflib's order. TX queue 0
 * wedges after a while, so the watchdog fires. Buggy: the watchdog takes txq, then state, then
 * ctx (LOCK_ORDER_REVERSAL), and the link filter takes a sleep mutex (SLEEP_LOCK_IN_INTERRUPT).
 *
 * <p>Thread-safety: immutable.
 */
public final class IflibQueues implements Workload {

    private static final Profile PROFILE = new Profile("iflib-queues", "000",
            "an iflib NIC: MSI-X queue counts, filters enqueueing grouptasks, mp_ring, TX watchdog, ctx/state/txq"
                    + " locks",
            Set.of("LOCK_ORDER_REVERSAL", "SLEEP_LOCK_IN_INTERRUPT"), Set.of("SLEEP_WITH_LOCKS_HELD", "DEADLOCK"),
            Optional.empty(), Checker.Windows.PROBES, 2, 2_000_000, 20_000);

    static final String NIC = "ix0";
    static final int PACKETS = 24;
    static final int WEDGE_AFTER = 8;
    static final int ADMIN_CPU = 0;
    static final int JUMBO_MTU = 9000;
    static final int ETHERMTU = 1500;

    /** The ixgbe-like device on a machine: 16 MSI-X messages, one admin vector, 8 queue sets at most. */
    static MsixInit msix(Machine m) {
        return new MsixInit(0, 0, false, false, 16, 1, 1, m.cpuCount(), m.cpuCount(), 8, 8);
    }

    @Override
    public Profile profile() {
        return PROFILE;
    }

    @Override
    public void start(Machine machine, Variant variant, Consumer<String> console) {
        Nic nic = attach(machine, variant, console);
        for (int cpu = 0; cpu < machine.cpuCount(); cpu++) {
            new Traffic(nic.txqs(), nic.rxqs(), cpu).start(machine, PACKETS);
        }
        machine.spawn("ifconfig", KThread.PRI_MIN_KERN, () -> {
            nic.ctx().ioctlSetMtu(JUMBO_MTU);
            nic.link().flap();
            nic.ctx().ioctlSetMtu(ETHERMTU);
        }).bindTo(ADMIN_CPU);
    }

    /** The attached device: its context, queues and admin vector. */
    record Nic(IflibCtx ctx, IflibTxq[] txqs, IflibRxq[] rxqs, IxgbeLink link) {
    }

    /** {@code iflib_device_attach}: queue counts from {@link MsixInit}, taskqueue groups, context, queues, vectors. */
    static Nic attach(Machine machine, Variant variant, Consumer<String> console) {
        MsixInit.Result counts = msix(machine).compute();
        counts.messages().forEach(msg -> console.accept(NIC + ": " + msg));
        // subr_gtaskqueue.c starts a taskqgroup's threads at PI_SOFT.
        TaskqGroup io = new TaskqGroup(machine, "if_io_tqg", machine.cpuCount(), KThread.PI_SOFT);
        TaskqGroup config = new TaskqGroup(machine, "if_config_tqg", 1, KThread.PI_SOFT);
        IflibCtx ctx = new IflibCtx(NIC, variant, config, console);
        IflibTxq[] txqs = new IflibTxq[counts.txQueues()];
        for (int i = 0; i < txqs.length; i++) {
            txqs[i] = new IflibTxq(machine, ctx, i, io, i == 0 ? WEDGE_AFTER : Integer.MAX_VALUE);
        }
        IflibRxq[] rxqs = new IflibRxq[counts.rxQueues()];
        for (int i = 0; i < rxqs.length; i++) {
            rxqs[i] = new IflibRxq(machine, NIC, i, io, i < txqs.length ? txqs[i] : null);
        }
        IxgbeLink link = new IxgbeLink(machine, ctx, variant, ADMIN_CPU);
        ctx.attach(txqs, link);
        return new Nic(ctx, txqs, rxqs, link);
    }
}
