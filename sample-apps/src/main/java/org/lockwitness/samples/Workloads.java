package org.lockwitness.samples;

import java.util.List;
import java.util.Optional;
import org.lockwitness.samples.iflib.IflibQueues;
import org.lockwitness.samples.lockmgr.LockmgrInterlock;
import org.lockwitness.samples.netintr.MpsafeNetintr;
import org.lockwitness.samples.rendezvous.RendezvousPreempt;
import org.lockwitness.samples.smpng.SmpngSubsystems;
import org.lockwitness.samples.workload.Workload;

/**
 * Every workload, in the order of the seed documents.
 *
 * <p>Thread-safety: immutable.
 */
final class Workloads {

    static final List<Workload> ALL = List.of(new RendezvousPreempt(), new IflibQueues(), new LockmgrInterlock(),
            new MpsafeNetintr(), new SmpngSubsystems());

    private Workloads() {
    }

    /**
     * @param name a workload name
     * @return the workload of that name
     */
    static Optional<Workload> named(String name) {
        return ALL.stream().filter(w -> w.profile().name().equals(name)).findFirst();
    }
}
