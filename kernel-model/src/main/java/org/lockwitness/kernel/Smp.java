package org.lockwitness.kernel;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.RendezvousEnter;
import org.lockwitness.kernel.probe.RendezvousExit;

/**
 * SMP rendezvous ({@code smp_rendezvous_cpus}, {@code smp_rendezvous_action}): run setup, action
 * and teardown on a set of CPUs, with barriers between them.
 *
 * <p>The initiator holds the spin mutex "smp rendezvous", publishes the parameters, sends
 * IPI_RENDEZVOUS, runs the action itself when it is in the set, and waits on {@code waiters[3]}.
 * Passing {@link #NO_BARRIER} as setup or teardown skips that barrier; null keeps the barrier and
 * calls nothing. Both actions, {@link Machine.RendezvousAction#HISTORICAL} and
 * {@link Machine.RendezvousAction#FIXED} (r222254), share the barrier code and differ only in the
 * raw {@code td_critnest++/--} around the handlers, the saved {@code owepreempt} and the assertion
 * "rendezvous action changed td_owepreempt".
 *
 * <p>Thread-safety: called on kernel threads; the shared parameters are published under the
 * rendezvous mutex and read after the entry barrier.
 */
@KernelCode
public final class Smp {

    /** {@code smp_no_rendevous_barrier}: a sentinel that skips a barrier; it panics if called. */
    public static final Runnable NO_BARRIER = () -> {
        throw Machine.panic("smp_no_rendevous called and smp is started");
    };

    /** The rendezvous state of one machine ({@code smp_rv_*}). */
    static final class Rendezvous {
        final Mtx smpIpiMtx = new Mtx("smp rendezvous", Mtx.SPIN | Mtx.INFRASTRUCTURE);
        final AtomicIntegerArray waiters = new AtomicIntegerArray(4);
        volatile int ncpus;
        volatile Runnable setup;
        volatile Runnable action;
        volatile Runnable teardown;
        volatile int generation;
    }

    private Smp() {
    }

    /**
     * {@code smp_rendezvous}: on every CPU.
     *
     * @param setup    run first on each CPU, or null, or {@link #NO_BARRIER}
     * @param action   the action, or null
     * @param teardown run last on each CPU, or null, or {@link #NO_BARRIER}
     */
    public static void rendezvous(Runnable setup, Runnable action, Runnable teardown) {
        Machine m = KThread.curthread().machine;
        rendezvousCpus((1 << m.cpus.length) - 1, setup, action, teardown);
    }

    /**
     * {@code smp_rendezvous_cpus}.
     *
     * @param cpuMask  bit i set for CPU i
     * @param setup    run first on each CPU, or null, or {@link #NO_BARRIER}
     * @param action   the action, or null
     * @param teardown run last on each CPU, or null, or {@link #NO_BARRIER}
     */
    public static void rendezvousCpus(int cpuMask, Runnable setup, Runnable action, Runnable teardown) {
        KThread td = KThread.curthread();
        Machine m = td.machine;
        int all = m.cpus.length == 32 ? -1 : (1 << m.cpus.length) - 1;
        int map = cpuMask & all;
        int ncpus = Integer.bitCount(map);
        if (ncpus == 0) {
            throw Machine.panic("ncpus is 0 with non-zero map");
        }
        if (td.spinlockCount != 0) {
            throw Machine.panic("smp_rendezvous_cpus: spin locks held");
        }
        Rendezvous rv = m.rendezvous;
        rv.smpIpiMtx.lockSpin();
        rv.ncpus = ncpus;
        rv.setup = setup;
        rv.action = action;
        rv.teardown = teardown;
        rv.generation++;
        rv.waiters.set(1, 0);
        rv.waiters.set(2, 0);
        rv.waiters.set(3, 0);
        rv.waiters.set(0, 0);
        int self = td.cpu.id;
        boolean here = (map & (1 << self)) != 0;
        for (Cpu c : m.cpus) {
            if (c.id != self && (map & (1 << c.id)) != 0) {
                c.post(Irq.IPI_RENDEZVOUS);
            }
        }
        if (here) {
            rendezvousAction();
        }
        while (rv.waiters.get(3) < ncpus) {
            Machine.cpuSpinwait();
        }
        rv.smpIpiMtx.unlockSpin();
    }

    /** {@code smp_rendezvous_action}: runs on each CPU of the set. */
    static void rendezvousAction() {
        KThread td = KThread.curthread();
        Machine m = td.machine;
        Rendezvous rv = m.rendezvous;
        rv.waiters.incrementAndGet(0);
        while (rv.waiters.get(0) < rv.ncpus) {
            Machine.cpuSpinwait();
        }
        Runnable setup = rv.setup;
        Runnable action = rv.action;
        Runnable teardown = rv.teardown;
        int ncpus = rv.ncpus;
        int generation = rv.generation;
        boolean fixed = m.rendezvousAction == Machine.RendezvousAction.FIXED;
        boolean owepreempt = false;
        if (fixed) {
            td.critnest++;
            owepreempt = td.owepreempt;
        }
        handlersEnter(td);
        if (setup != NO_BARRIER) {
            if (setup != null) {
                setup.run();
            }
            rv.waiters.incrementAndGet(1);
            while (rv.waiters.get(1) < ncpus) {
                Machine.cpuSpinwait();
            }
        }
        if (action != null) {
            action.run();
        }
        if (teardown != NO_BARRIER) {
            rv.waiters.incrementAndGet(2);
            while (rv.waiters.get(2) < ncpus && generation == rv.generation) {
                Machine.cpuSpinwait();
            }
            if (teardown != null) {
                teardown.run();
            }
        }
        handlersExit(td);
        rv.waiters.incrementAndGet(3);
        if (fixed) {
            td.critnest--;
            if (owepreempt != td.owepreempt) {
                throw Machine.panic("rendezvous action changed td_owepreempt");
            }
        }
    }

    @RendezvousEnter
    static void handlersEnter(KThread td) {
        td.inRendezvous = true;
    }

    @RendezvousExit
    static void handlersExit(KThread td) {
        td.inRendezvous = false;
    }
}
