package org.lockwitness.agent.runtime;

import org.lockwitness.kernel.KThread;
import org.lockwitness.witness.WitnessThread;

/**
 * What the agent keeps per Java thread: the current call site, the reentrancy guard, the kernel
 * thread it carries and that thread's witness handle, and the spin-wait progress for
 * {@code SPIN_HELD_TOO_LONG} (the spinner's own iterations, as FreeBSD's
 * {@code _mtx_lock_spin_failed} counts them).
 *
 * <p>Design: a kernel thread keeps its state in its own slot ({@link KThread#checkerSlot()}, the
 * {@code td_witness} of FreeBSD's {@code struct thread}), reached from the carrier thread with a type
 * test and two field reads; only threads that are not kernel threads (the main thread, lock
 * construction elsewhere) use a {@link ThreadLocal}. Call-site instrumentation sets the current
 * site before a call into the model and, after it, restores the site it replaced, which the caller
 * keeps in a local of its own; so a model-internal event (the interlock msleep takes back, the sched
 * lock inside a switch) reports the site of the outermost caller outside the model. A call that
 * ends by an exception leaves its site current until the caller's own call returns and restores
 * the one before.
 *
 * <p>Thread-safety: confined to its thread.
 */
final class PerThread {

    private static final ThreadLocal<PerThread> CURRENT = ThreadLocal.withInitial(() -> new PerThread(null));

    /** The id of the current call site, 0 for none. */
    int site;
    /** True while the agent or the witness works for this thread: probes are ignored then. */
    boolean busy;
    /** The witness's handle of the kernel thread, created on its first event. */
    WitnessThread handle;
    /** The lock instance being spun on, 0 for none, and the spinner's own iterations on it so far. */
    long spinInstance;
    long spins;

    /** The kernel thread this state belongs to; null for a thread that is not one. */
    final KThread kthread;

    private PerThread(KThread kthread) {
        this.kthread = kthread;
    }

    /**
     * The calling thread's state: a kernel thread's from its slot ({@link KThread#checkerSlot()}), made
     * on its first call; any other thread's from the {@code ThreadLocal}.
     */
    static PerThread get() {
        KThread td = KThread.current();
        return td == null ? CURRENT.get() : of(td);
    }

    /** The state of {@code td}, the calling thread's own kernel thread. */
    static PerThread of(KThread td) {
        Object slot = td.checkerSlot();
        if (slot instanceof PerThread pt) {
            return pt;
        }
        PerThread pt = new PerThread(td);
        td.checkerSlot(pt);
        return pt;
    }
}
