package org.lockwitness.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.Mtx;

/**
 * The lock pair's probes off a kernel thread: the acquire's entry hands nothing to its return, and
 * the return and the release record nothing, whatever state they are handed, and throw nothing.
 */
class PairProbesTest {

    @Test
    void offAKernelThread_theProbesRecordNothingAndHandNothingOn() {
        Mtx m = new Mtx("pair probes test", Mtx.DEF);
        long before = ProbeRuntime.events();
        assertNull(PairProbes.acquire(m, 0));
        PairProbes.acquired(null, m, 0);
        PairProbes.acquired("not the probes' state", m, 0);
        PairProbes.release(m, 0);
        assertEquals(before, ProbeRuntime.events());
    }

    @Test
    void sites_restoreTheSiteTheyReplaced_nestedAndAfterAnUnbalancedCall() {
        int outer = Sites.enter(11);
        int inner = Sites.enter(22);
        assertEquals(11, inner);
        assertEquals(22, PerThread.get().site);
        Sites.exit(inner);
        assertEquals(11, PerThread.get().site);
        Sites.enter(33);
        Sites.exit(outer);
        assertEquals(outer, PerThread.get().site);
    }
}
