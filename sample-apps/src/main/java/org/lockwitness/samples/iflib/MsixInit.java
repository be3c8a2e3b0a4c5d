package org.lockwitness.samples.iflib;

import java.util.ArrayList;
import java.util.List;

/**
 * iflib's queue-count arithmetic ({@code iflib_msix_init}, kernel-reference §7.6), on its own so
 * it can be tested without a machine. From the sysctl overrides ({@code override_nrxqs},
 * {@code override_ntxqs}, {@code override_qs_enable}, {@code disable_msix}), the MSI-X and MSI
 * message counts, the admin vectors, the CPUs and the driver's maxima it gives the RX and TX queue
 * sets, the vectors and the interrupt type, with the console messages iflib prints. Two quirks of
 * the source are kept: the RX override must be strictly below {@code queuemsgs - admincnt}, which
 * subtracts the admin vectors a second time, and the TX default is every CPU, not the queue count.
 * One choice is the model's: when no queue is left after the admin vectors, it falls back to MSI
 * rather than configure zero queues.
 *
 * <p>Thread-safety: immutable.
 *
 * @param overrideNrxqs  {@code ifc_sysctl_nrxqs}, 0 for none
 * @param overrideNtxqs  {@code ifc_sysctl_ntxqs}, 0 for none
 * @param qsEqOverride   {@code ifc_sysctl_qs_eq_override}: RX and TX counts may differ
 * @param disableMsix    {@code isc_disable_msix}
 * @param msixMessages   {@code pci_msix_count}
 * @param msiMessages    {@code pci_msi_count}
 * @param adminVectors   {@code isc_admin_intrcnt}
 * @param cpuSet         {@code CPU_COUNT(&ctx->ifc_cpus)}
 * @param ncpus          {@code mp_ncpus}
 * @param driverRxqsets  the driver's maximum RX queue sets ({@code isc_nrxqsets} on entry)
 * @param driverTxqsets  the driver's maximum TX queue sets ({@code isc_ntxqsets} on entry)
 */
public record MsixInit(int overrideNrxqs, int overrideNtxqs, boolean qsEqOverride, boolean disableMsix,
        int msixMessages, int msiMessages, int adminVectors, int cpuSet, int ncpus, int driverRxqsets,
        int driverTxqsets) {

    /** How the device interrupts. */
    public enum IntrType {
        /** One MSI-X vector per RX queue set plus the admin vectors. */
        MSIX,
        /** One MSI message; one RX and one TX queue set. */
        MSI,
        /** A legacy INTx line; one RX and one TX queue set. */
        LEGACY
    }

    /**
     * The configuration iflib arrives at.
     *
     * @param rxQueues RX queue sets
     * @param txQueues TX queue sets
     * @param vectors  interrupt vectors
     * @param type     the interrupt type
     * @param messages what iflib prints on the console, in order
     */
    public record Result(int rxQueues, int txQueues, int vectors, IntrType type, List<String> messages) {

        /** Copies the messages. */
        public Result {
            messages = List.copyOf(messages);
        }
    }

    /** @return the queue counts, vectors and interrupt type */
    public Result compute() {
        List<String> messages = new ArrayList<>();
        if (disableMsix || msixMessages == 0) {
            return fallback(messages);
        }
        int queuemsgs = msixMessages - adminVectors;
        int queues = Math.min(cpuSet, queuemsgs);
        int rx = overrideNrxqs > 0 && overrideNrxqs < queuemsgs - adminVectors ? overrideNrxqs : queues;
        rx = Math.min(rx, driverRxqsets);
        int tx = overrideNtxqs > 0 && overrideNtxqs < queues ? overrideNtxqs : ncpus;
        tx = Math.min(tx, driverTxqsets);
        if (!qsEqOverride) {
            int both = Math.min(rx, tx);
            if (rx != tx) {
                messages.add("queue equality override not set, capping rx_queues at " + both + " and tx_queues at "
                        + both);
            }
            rx = both;
            tx = both;
        }
        if (rx < 1) {
            messages.add("no MSI-X vector left for a queue after " + adminVectors + " admin vectors");
            return fallback(messages);
        }
        int vectors = rx + adminVectors;
        if (msixMessages < vectors) {
            messages.add("insufficient number of MSI-X vectors (supported " + msixMessages + ", need " + vectors + ")");
            return fallback(messages);
        }
        messages.add("Using " + rx + " RX queues " + tx + " TX queues");
        messages.add("Using MSI-X interrupts with " + vectors + " vectors");
        return new Result(rx, tx, vectors, IntrType.MSIX, messages);
    }

    private Result fallback(List<String> messages) {
        if (msiMessages == 1) {
            messages.add("Using an MSI interrupt");
            return new Result(1, 1, 1, IntrType.MSI, messages);
        }
        messages.add("Using a Legacy interrupt");
        return new Result(1, 1, 1, IntrType.LEGACY, messages);
    }
}
