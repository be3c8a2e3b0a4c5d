package org.lockwitness.samples.iflib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.samples.iflib.MsixInit.IntrType;

/** {@code iflib_msix_init}'s queue-count arithmetic on its own. */
class MsixInitTest {

    /** msix 16, msi 1, admin 1, 8 CPUs, driver maxima 8/8, unless the test says otherwise. */
    private static MsixInit.Result compute(int nrxqs, int ntxqs, boolean eqOverride, int msix, int cpus, int maxRx,
            int maxTx) {
        return new MsixInit(nrxqs, ntxqs, eqOverride, false, msix, 1, 1, cpus, cpus, maxRx, maxTx).compute();
    }

    @Test
    void without_overrides_there_is_a_queue_set_per_cpu_and_a_vector_each_plus_the_admin_vector() {
        MsixInit.Result r = compute(0, 0, false, 16, 8, 8, 8);
        assertEquals(8, r.rxQueues());
        assertEquals(8, r.txQueues());
        assertEquals(9, r.vectors());
        assertEquals(IntrType.MSIX, r.type());
        assertEquals(List.of("Using 8 RX queues 8 TX queues", "Using MSI-X interrupts with 9 vectors"), r.messages());
    }

    @Test
    void queues_are_limited_by_cpus_vectors_and_the_driver() {
        assertEquals(4, compute(0, 0, false, 16, 4, 8, 8).rxQueues(), "CPUs");
        assertEquals(5, compute(0, 0, false, 6, 8, 8, 8).rxQueues(), "vectors less the admin vector");
        assertEquals(2, compute(0, 0, false, 16, 8, 2, 8).rxQueues(), "the driver's RX maximum");
    }

    @Test
    void the_rx_override_must_be_strictly_below_queuemsgs_less_admincnt_again() {
        assertEquals(3, compute(3, 0, true, 6, 8, 8, 8).rxQueues(), "3 < (6-1)-1");
        assertEquals(5, compute(4, 0, true, 6, 8, 8, 8).rxQueues(), "4 is not < 4: back to the queue count");
    }

    @Test
    void the_tx_default_is_every_cpu_and_its_override_must_be_below_the_queue_count() {
        MsixInit.Result r = new MsixInit(0, 0, true, false, 4, 1, 1, 8, 8, 8, 8).compute();
        assertEquals(3, r.rxQueues());
        assertEquals(8, r.txQueues(), "mp_ncpus, not the queue count");
        assertEquals(2, new MsixInit(0, 2, true, false, 4, 1, 1, 8, 8, 8, 8).compute().txQueues());
        assertEquals(8, new MsixInit(0, 3, true, false, 4, 1, 1, 8, 8, 8, 8).compute().txQueues(), "3 is not < 3");
    }

    @Test
    void without_the_equality_override_both_counts_are_capped_at_the_smaller() {
        MsixInit.Result r = compute(0, 2, false, 16, 8, 8, 8);
        assertEquals(2, r.rxQueues());
        assertEquals(2, r.txQueues());
        assertEquals("queue equality override not set, capping rx_queues at 2 and tx_queues at 2", r.messages().get(0));
        MsixInit.Result o = compute(0, 2, true, 16, 8, 8, 8);
        assertEquals(8, o.rxQueues());
        assertEquals(2, o.txQueues());
    }

    @Test
    void msix_disabled_or_no_queue_left_falls_back_to_one_queue_set_on_msi_or_legacy() {
        MsixInit.Result off = new MsixInit(0, 0, false, true, 16, 0, 1, 8, 8, 8, 8).compute();
        assertEquals(IntrType.LEGACY, off.type());
        assertEquals(List.of("Using a Legacy interrupt"), off.messages());
        MsixInit.Result none = new MsixInit(0, 0, false, false, 1, 1, 1, 8, 8, 8, 8).compute();
        assertEquals(IntrType.MSI, none.type());
        assertEquals(List.of("Using an MSI interrupt"), none.messages().subList(2, 3));
        assertEquals("no MSI-X vector left for a queue after 1 admin vectors", none.messages().get(1));
    }
}
