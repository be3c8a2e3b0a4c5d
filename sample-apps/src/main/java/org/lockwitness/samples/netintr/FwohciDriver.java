package org.lockwitness.samples.netintr;

import org.lockwitness.kernel.probe.Requires;

/**
 * A FireWire controller driver that was never made MPSAFE and shares the NIC's IRQ: its handler
 * needs Giant, as every non-MPSAFE handler does.
 *
 * <p>Thread-safety: its counter is guarded by Giant.
 */
final class FwohciDriver {

    private int interrupts;

    /** {@code fwohci_intr}. */
    @Requires("Giant")
    void intr() {
        interrupts++;
    }

    /** @return interrupts handled */
    int interrupts() {
        return interrupts;
    }
}
