package org.lockwitness.samples.iflib;

import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.samples.workload.Variant;

/**
 * The driver's admin vector: iflib's {@code iflib_fast_intr_ctx} calls the driver filter
 * ({@code ixgbe_msix_link}), which reads the interrupt cause and defers the work to the admin
 * task. Buggy: the filter reads the link state under the driver's sleep mutex "ixgbe link" — a
 * blockable lock in primary interrupt context. Fixed: it reads it without a lock.
 *
 * <p>Thread-safety: the link state is read by the filter and written by the hardware simulation.
 */
final class IxgbeLink {

    private final IflibCtx ctx;
    private final Variant variant;
    private final Mtx linkMtx = new Mtx("ixgbe link", Mtx.DEF);
    private final InterruptSource irq;
    private volatile boolean linkUp = true;
    private int changes;
    private volatile int filtered;

    IxgbeLink(Machine m, IflibCtx ctx, Variant variant, int cpu) {
        this.ctx = ctx;
        this.variant = variant;
        this.irq = m.interruptSource(ctx.name() + ":aq", cpu, KThread.PI_NET);
        this.irq.addHandler(ctx.name() + ":aq", this::msixLink, null, InterruptSource.INTR_MPSAFE);
    }

    /**
     * The PHY renegotiates and the admin vector fires on the calling thread's CPU; the caller waits
     * at interrupt windows until the filter has run, so the interrupt lands on a running thread.
     */
    void flap() {
        int seen = filtered;
        linkUp = !linkUp;
        irq.raise();
        while (filtered == seen) {
            Machine.window();
        }
    }

    /** {@code ixgbe_msix_link}, through {@code iflib_fast_intr_ctx}. */
    private int msixLink() {
        boolean changed;
        if (variant == Variant.BUGGY) {
            linkMtx.lock();
            changed = linkUp != ctx.linkUp();
            linkMtx.unlock();
        } else {
            changed = linkUp != ctx.linkUp();
        }
        if (changed) {
            changes++;
            ctx.adminIntrDeferred();
        }
        filtered++;
        return Filter.FILTER_HANDLED;
    }

    /** @return the link changes the filter saw */
    int changes() {
        return changes;
    }

    boolean linkUp() {
        return linkUp;
    }
}
