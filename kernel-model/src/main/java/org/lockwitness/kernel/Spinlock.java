package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.KernelCode;

/**
 * {@code spinlock_enter}/{@code spinlock_exit} (amd64): the first level saves the interrupt state
 * and disables interrupts, then enters a critical section; exit leaves the critical section first
 * and restores interrupts at level 0. So a spin unlock runs {@code critical_exit} with interrupts
 * still off, and may preempt there.
 *
 * <p>Thread-safety: acts on the calling kernel thread only.
 */
@KernelCode
public final class Spinlock {

    private Spinlock() {
    }

    /** {@code spinlock_enter}. */
    public static void enter() {
        KThread td = KThread.curthread();
        if (td.spinlockCount == 0) {
            boolean flags = Intr.disable();
            td.spinlockCount = 1;
            td.spinlockSavedIntr = flags;
            Critical.enter();
        } else {
            td.spinlockCount++;
            Critical.enter();
        }
    }

    /** {@code spinlock_exit}. */
    public static void exit() {
        KThread td = KThread.curthread();
        Critical.exit();
        td.spinlockCount--;
        if (td.spinlockCount == 0) {
            Intr.restore(td.spinlockSavedIntr);
        }
    }
}
