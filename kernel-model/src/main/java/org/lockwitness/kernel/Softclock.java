package org.lockwitness.kernel;

import java.util.ArrayDeque;
import org.lockwitness.kernel.probe.KernelCode;

/**
 * The callout wheel and its software interrupt thread ({@code softclock}, "swi4: clock"). The
 * hardclock moves expired callouts to the ready queue and schedules the thread; the thread runs each
 * handler with the spin mutex "callout" dropped, under Giant (not MPSAFE) or the callout's mutex.
 *
 * <p>Thread-safety: callout state is guarded by the spin mutex "callout".
 */
@KernelCode
final class Softclock {

    final Mtx lock = new Mtx("callout", Mtx.SPIN | Mtx.INFRASTRUCTURE);
    private final Machine machine;
    private final ArrayDeque<Callout> ready = new ArrayDeque<>();
    private final Ithread swi;
    Callout running;

    Softclock(Machine machine) {
        this.machine = machine;
        this.swi = new Ithread(machine, "swi4: clock", KThread.PI_SOFT, this::run, machine.cpus[0]);
    }

    /** Run by the hardclock when a callout's timer expires. */
    void expire(Callout c, int generation) {
        lock.lockSpin();
        boolean due = c.generation == generation && c.pending;
        if (due) {
            c.timer = null;
            ready.add(c);
        }
        lock.unlockSpin();
        if (due) {
            swi.schedule();
        }
    }

    private void run() {
        lock.lockSpin();
        Callout c;
        while ((c = ready.poll()) != null) {
            if (!c.pending) {
                continue;
            }
            int generation = c.generation;
            c.pending = false;
            running = c;
            Runnable func = c.func;
            lock.unlockSpin();
            c.runHandler(machine, func, generation);
            lock.lockSpin();
            running = null;
            if (c.draining) {
                c.draining = false;
                lock.unlockSpin();
                Synch.wakeup(c);
                lock.lockSpin();
            }
        }
        lock.unlockSpin();
    }
}
