package org.lockwitness.samples.iflib;

import java.util.function.Consumer;
import org.lockwitness.kernel.GroupTask;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.Sx;
import org.lockwitness.kernel.TaskqGroup;
import org.lockwitness.samples.workload.Variant;

/**
 * A device context ({@code struct iflib_ctx}): the ctx sx named after the device, the state mutex
 * "iflib state lock" guarding {@code ifc_flags}, the queues and the admin grouptask on the config
 * taskqueue group. iflib's order is ctx sx, then the state mutex (ioctl), and ctx sx, then each TX
 * queue's mutex (the admin task); the TX timer may take the state mutex under its queue mutex and
 * defer the rest to the admin task. Buggy: the watchdog resets the queues itself, taking the ctx
 * sx under the TX queue and state mutexes.
 *
 * <p>Thread-safety: {@code flags} is guarded by the state mutex, the configuration by the ctx sx.
 */
final class IflibCtx {

    static final int IFC_DO_RESET = 0x1;
    static final int IFC_DO_WATCHDOG = 0x2;

    private final String name;
    private final Variant variant;
    private final Consumer<String> console;
    private final Sx ctxSx;
    private final Mtx stateMtx = new Mtx("iflib state lock", Mtx.DEF);
    private final GroupTask adminTask;
    private IflibTxq[] txqs = new IflibTxq[0];
    private IxgbeLink link;
    private int flags;
    private int mtu = 1500;
    private boolean linkUp = true;
    private int resets;

    IflibCtx(String name, Variant variant, TaskqGroup config, Consumer<String> console) {
        this.name = name;
        this.variant = variant;
        this.console = console;
        this.ctxSx = new Sx(name, 0);
        this.adminTask = new GroupTask(name + ":admin", this::adminTask);
        this.adminTask.attach(config, 0);
    }

    void attach(IflibTxq[] queues, IxgbeLink adminVector) {
        this.txqs = queues.clone();
        this.link = adminVector;
    }

    String name() {
        return name;
    }

    boolean linkUp() {
        return linkUp;
    }

    /** {@code iflib_if_ioctl(SIOCSIFMTU)}: ctx sx, then the state mutex; then restart the timers. */
    void ioctlSetMtu(int newMtu) {
        ctxSx.xlock();
        stateMtx.lock();
        mtu = newMtu;
        flags |= IFC_DO_RESET;
        stateMtx.unlock();
        restartTimers();
        ctxSx.xunlock();
    }

    /** {@code iflib_admin_intr_deferred}: a spin mutex only, so filters may call it. */
    void adminIntrDeferred() {
        adminTask.enqueue();
    }

    /**
     * The TX timer found {@code txq} hung; called with the queue mutex held. Sets the watchdog flag
     * under the state mutex and defers the reset to the admin task; the buggy driver resets right
     * here, under the ctx sx.
     */
    void watchdog(IflibTxq txq) {
        console.accept(name + ": TX(" + txq.id() + ") watchdog timeout -- resetting");
        stateMtx.lock();
        flags |= IFC_DO_WATCHDOG | IFC_DO_RESET;
        if (variant == Variant.BUGGY) {
            ctxSx.xlock();
            txq.reset();
            resets++;
            ctxSx.xunlock();
        } else {
            adminIntrDeferred();
        }
        stateMtx.unlock();
    }

    /** {@code _task_fn_admin}: read and clear the flags, then under the ctx sx reset and restart the timers. */
    private void adminTask() {
        stateMtx.lock();
        int todo = flags;
        flags &= ~(IFC_DO_RESET | IFC_DO_WATCHDOG);
        stateMtx.unlock();
        ctxSx.xlock();
        linkUp = link.linkUp();
        if ((todo & IFC_DO_WATCHDOG) != 0) {
            for (IflibTxq q : txqs) {
                q.calloutLock();
                q.reset();
                q.calloutUnlock();
            }
            resets++;
        }
        restartTimers();
        ctxSx.xunlock();
    }

    private void restartTimers() {
        for (IflibTxq q : txqs) {
            q.calloutLock();
            q.armTimer();
            q.calloutUnlock();
        }
    }

    /** @return watchdog resets done */
    int resets() {
        return resets;
    }

    /** @return the MTU */
    int mtu() {
        return mtu;
    }
}
