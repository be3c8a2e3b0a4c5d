package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.CriticalEnter;
import org.lockwitness.kernel.probe.CriticalExit;
import org.lockwitness.kernel.probe.KernelCode;

/**
 * Critical sections: {@code critical_enter} and {@code critical_exit}, FreeBSD's (4BSD, stable-8)
 * statement by statement. A critical section defers preemption; it does not disable interrupts.
 *
 * <p>{@code critical_exit} stores 0 to {@code td_critnest} and only then tests
 * {@code td_owepreempt}: the gap between the two is real code, where an interrupt may arrive to a
 * thread that is in no critical section yet owes a preemption (seeds 000/001).
 *
 * <p>Thread-safety: acts on the calling kernel thread only.
 */
@KernelCode
public final class Critical {

    private Critical() {
    }

    /** {@code critical_enter}. */
    @CriticalEnter
    public static void enter() {
        Machine.window();
        KThread td = KThread.curthread();
        td.critnest++;
    }

    /** {@code critical_exit}: on the outermost exit, performs an owed preemption. */
    @CriticalExit
    public static void exit() {
        Machine.window();
        KThread td = KThread.curthread();
        if (td.critnest == 0) {
            throw Machine.panic("critical_exit: td_critnest == 0");
        }
        if (td.critnest == 1) {
            td.critnest = 0;
            if (td.owepreempt) {
                preempt(td);
            }
        } else {
            td.critnest--;
        }
    }

    /**
     * The tail of the outermost {@code critical_exit} when a preemption is owed
     * ({@code critical_exit_preempt} in later FreeBSD): back to critnest 1, take the thread lock
     * (which then counts as that level), and switch.
     */
    static void preempt(KThread td) {
        td.critnest = 1;
        Sched.threadLock(td);
        td.critnest--;
        Sched.miSwitch(Sched.SW_INVOL | Sched.SW_PREEMPT | Sched.SWT_OWEPREEMPT);
        Sched.threadUnlock(td);
    }
}
