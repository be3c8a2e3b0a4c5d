package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.Eoi;
import org.lockwitness.kernel.probe.InterruptEnter;
import org.lockwitness.kernel.probe.InterruptExit;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * Interrupt delivery, on the interrupted thread's stack, with FreeBSD's order for each path:
 * <ul>
 * <li>device interrupt ({@code intr_event_handle}): nesting++, {@code critical_enter}, filters,
 *     mask (when the ithread runs) and EOI, schedule the ithread, {@code critical_exit} — where a
 *     preemption to the ithread is legal, after EOI;</li>
 * <li>bitmap IPIs ({@code ipi_bitmap_handler}): EOI first, then the handler in a critical
 *     section;</li>
 * <li>the rendezvous IPI ({@code Xrendezvous}): {@code smp_rendezvous_action} with no critical
 *     section and no nesting, EOI after.</li>
 * </ul>
 * Interrupts stay off on the CPU while its handler runs; the interrupted context's flag comes back
 * on return. While a handler runs, the thread names it ({@link KThread#interruptLabel}) so that a
 * stack can show where the handler's frames end and the interrupted code's begin, as a FreeBSD
 * backtrace shows the trap frame; the {@code deliver} frame is that boundary. An interrupt taken
 * while the thread spins on a spin mutex (which {@code _mtx_lock_spin} allows: it spins with
 * interrupts on) is not spinning: the thread's mark of what it waits for is cleared for the
 * handler and restored on return, or a spin mutex the handler takes would look, to a CPU
 * spinning on it, like one link of a spin cycle.
 *
 * <p>Thread-safety: runs on the interrupted kernel thread.
 */
@NoWindows
final class Interrupts {

    private Interrupts() {
    }

    static void deliver(KThread td, Cpu c, int vector) {
        InterruptSource src = null;
        if (vector >= Irq.HARDCLOCK) {
            c.ipiPending.getAndAccumulate(~Irq.bit(vector), (v, mask) -> v & mask);
        } else {
            src = c.machine.source(vector);
            src.pending = false;
        }
        td.pushInterruptLabel(src != null ? src.boundary : boundary(vector));
        LockObject spinningOn = td.blockedOn;
        td.blockedOn = null;
        try {
            dispatch(td, c, vector, src);
        } finally {
            td.blockedOn = spinningOn;
            td.popInterruptLabel();
        }
    }

    /** The hardclock's trap-frame line, built once: the clock ticks on every CPU and allocates nothing. */
    private static final String HARDCLOCK_BOUNDARY = "--- interrupt " + Irq.HARDCLOCK + " (hardclock) ---";

    /** The trap-frame line of a stack for a vector without a source. */
    private static String boundary(int vector) {
        switch (vector) {
            case Irq.IPI_RENDEZVOUS:
                return "--- IPI rendezvous ---";
            case Irq.IPI_PREEMPT:
                return "--- IPI preempt ---";
            case Irq.IPI_AST:
                return "--- IPI ast ---";
            default:
                return HARDCLOCK_BOUNDARY;
        }
    }

    private static void dispatch(KThread td, Cpu c, int vector, InterruptSource src) {
        c.intrEnabled = false;
        c.eoiPending++;
        switch (vector) {
            case Irq.IPI_RENDEZVOUS:
                rendezvous(td, c);
                break;
            case Irq.IPI_PREEMPT:
            case Irq.IPI_AST:
                bitmapIpi(td, c, vector);
                break;
            case Irq.HARDCLOCK:
                device(td, c, null);
                break;
            default:
                device(td, c, src);
                break;
        }
        td.cpu.intrEnabled = true;
    }

    private static void device(KThread td, Cpu c, InterruptSource src) {
        intrEnter(Snapshot.INTR_DEVICE);
        Critical.enter();
        boolean thread = src == null ? hardclock(td, c) : src.runFilters();
        if (thread) {
            src.masked = true;
        }
        eoi(c);
        if (thread) {
            src.scheduleThread();
        }
        Critical.exit();
        intrExit(Snapshot.INTR_DEVICE);
    }

    private static void bitmapIpi(KThread td, Cpu c, int vector) {
        intrEnter(Snapshot.INTR_IPI);
        eoi(c);
        Critical.enter();
        if (vector == Irq.IPI_PREEMPT) {
            Sched.preemptIpi(td);
        }
        Critical.exit();
        intrExit(Snapshot.INTR_IPI);
    }

    private static void rendezvous(KThread td, Cpu c) {
        intrEnter(Snapshot.INTR_RENDEZVOUS);
        Smp.rendezvousAction();
        eoi(c);
        intrExit(Snapshot.INTR_RENDEZVOUS);
    }

    /** {@code hardclock_cpu}: fires this CPU's expired timers. Never schedules an ithread. */
    private static boolean hardclock(KThread td, Cpu c) {
        Machine m = c.machine;
        for (;;) {
            Clock.Timer t = m.clock.expired(c.id);
            if (t == null) {
                return false;
            }
            m.clock.remove(t);
            t.action.run();
        }
    }

    @InterruptEnter
    static void intrEnter(int kind) {
        if (kind != Snapshot.INTR_RENDEZVOUS) {
            KThread.curthread().intrNesting++;
        }
    }

    @InterruptExit
    static void intrExit(int kind) {
        if (kind != Snapshot.INTR_RENDEZVOUS) {
            KThread.curthread().intrNesting--;
        }
    }

    @Eoi
    static void eoi(Cpu c) {
        c.eoiPending--;
    }
}
