package org.lockwitness.samples.rendezvous;

import org.lockwitness.kernel.Critical;
import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RmLock;
import org.lockwitness.kernel.RmTracker;
import org.lockwitness.kernel.Synch;

/**
 * One CPU's packet path: a netisr thread bound to the CPU runs each packet through the hook list
 * in an rm read section, and inside it updates the CPU's ring in a critical section, where its NIC
 * interrupt arrives. The NIC's ithread is more urgent than the netisr, so the interrupt leaves the
 * netisr owing a preemption that its {@code critical_exit} performs.
 *
 * <p>Design: the netisr and the ithread share the CPU; the ithread only counts, so the reader's
 * critical section, not the handler, is where the race lives. The netisr pauses a tick between
 * bursts so the writer finds CPUs to run on.
 *
 * <p>Thread-safety: its counters are touched only by kernel threads of its CPU.
 */
final class Netisr {

    private final Machine machine;
    private final int cpu;
    private final RmLock hooks;
    private final InterruptSource nic;
    private int ring;
    private int interrupts;

    Netisr(Machine machine, int cpu, RmLock hooks) {
        this.machine = machine;
        this.cpu = cpu;
        this.hooks = hooks;
        this.nic = machine.interruptSource("nic" + cpu, cpu, KThread.PI_NET);
        nic.addHandler("nic" + cpu, () -> Filter.FILTER_SCHEDULE_THREAD, this::ithread, InterruptSource.INTR_MPSAFE);
    }

    void start(int bursts, int packets) {
        machine.spawn("netisr" + cpu, KThread.PRI_MIN_KERN, () -> run(bursts, packets)).bindTo(cpu);
    }

    private void run(int bursts, int packets) {
        RmTracker tracker = new RmTracker();
        for (int b = 0; b < bursts; b++) {
            for (int p = 0; p < packets; p++) {
                hooks.rlock(tracker);
                Critical.enter();
                nic.raise();
                ring++;
                ring++;
                ring++;
                Critical.exit();
                hooks.runlock(tracker);
            }
            Synch.pause("netisr", 1);
        }
    }

    private void ithread() {
        interrupts++;
    }

    /** @return the ring updates done: three per packet */
    int ring() {
        return ring;
    }

    /** @return the NIC interrupts the ithread served */
    int interrupts() {
        return interrupts;
    }
}
