package org.lockwitness.agent.runtime;

import java.util.Arrays;
import org.lockwitness.witness.WitnessThread;

/**
 * What the agent keeps per Java thread: the current call site and the sites it interrupted, the
 * reentrancy guard, whether the thread carries a kernel thread, the witness handle of that kernel
 * thread, and the spin-wait progress for {@code SPIN_HELD_TOO_LONG} (the spinner's own iterations,
 * as FreeBSD's {@code _mtx_lock_spin_failed} counts them).
 *
 * <p>Design: a kernel thread runs on exactly one Java carrier thread for its whole life, so a
 * {@link ThreadLocal} is a per-kernel-thread store. Call-site instrumentation saves the current
 * site on a small stack before a call into the model and restores it after, so a model-internal
 * event (the interlock msleep takes back, the sched lock inside a switch) reports the site of the
 * outermost caller outside the model. A call that ends by an exception leaves one entry behind; the
 * stack is bounded and forgets its history when it would outgrow the bound.
 *
 * <p>Thread-safety: confined to its thread.
 */
final class PerThread {

    static final byte UNKNOWN = 0;
    static final byte KERNEL = 1;
    static final byte OTHER = 2;

    private static final int MAX_SAVED = 1024;
    private static final ThreadLocal<PerThread> CURRENT = ThreadLocal.withInitial(PerThread::new);

    /** The id of the current call site, 0 for none. */
    int site;
    /** True while the agent or the witness works for this thread: probes are ignored then. */
    boolean busy;
    /** {@link #UNKNOWN}, {@link #KERNEL} or {@link #OTHER}. */
    byte kind;
    /** The witness's handle of the kernel thread, created on its first event. */
    WitnessThread handle;
    /** The lock instance being spun on, 0 for none, and the spinner's own iterations on it so far. */
    long spinInstance;
    long spins;

    private int[] saved = new int[8];
    private int depth;

    private PerThread() {
    }

    static PerThread get() {
        return CURRENT.get();
    }

    void pushSite(int id) {
        if (depth == saved.length) {
            if (depth == MAX_SAVED) {
                depth = 0;
            } else {
                saved = Arrays.copyOf(saved, depth * 2);
            }
        }
        saved[depth++] = site;
        site = id;
    }

    void popSite() {
        site = depth > 0 ? saved[--depth] : 0;
    }
}
