package org.lockwitness.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * Starts a machine's callout wheel and its softclock thread, once, when the first callout needs it:
 * FreeBSD's {@code start_softclock} ({@code kern_timeout.c}) creates the softclock thread at boot;
 * the model does it on first use, during the run.
 *
 * <p>Thread-safety: the first caller claims the wheel with a compare-and-set and publishes it through
 * an atomic reference; the others wait for it (see {@link #get}).
 */
@NoWindows
final class StartSoftclock {
    private final Machine machine;
    private final AtomicReference<Softclock> softclock = new AtomicReference<>();
    private final AtomicBoolean softclockClaimed = new AtomicBoolean();

    StartSoftclock(Machine machine) {
        this.machine = machine;
    }

    /**
     * The callout wheel, created with its softclock thread on first use. Its constructors are kernel
     * code, whose line windows are scheduling points, so it is never built under a monitor: the
     * first caller claims it and builds it in an atomic section, where no other kernel thread can
     * run in DETERMINISTIC mode; in PARALLEL mode another CPU that wants it meanwhile spin-waits.
     */
    Softclock get() {
        Softclock sc = softclock.get();
        if (sc != null) {
            return sc;
        }
        if (softclockClaimed.compareAndSet(false, true)) {
            boolean built = false;
            try {
                sc = Machine.atomically(() -> new Softclock(machine));
                softclock.set(sc);
                built = true;
                return sc;
            } finally {
                if (!built) {
                    softclockClaimed.set(false);
                }
            }
        }
        while ((sc = softclock.get()) == null) {
            Machine.cpuSpinwait();
        }
        return sc;
    }
}
