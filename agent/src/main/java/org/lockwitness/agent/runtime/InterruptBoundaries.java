package org.lockwitness.agent.runtime;

import org.lockwitness.kernel.KThread;
import org.lockwitness.witness.FrameBoundaries;

/**
 * The trap frames of the kernel model's stacks: a frame of {@code Interrupts.deliver}, where the
 * model runs an interrupt's or IPI's handlers on the interrupted thread's stack, is shown as the
 * kernel thread names that interrupt ({@link KThread#interruptLabel}), e.g.
 * {@code --- interrupt 5 (nic) ---} or {@code --- IPI rendezvous ---}, so a filter's frames no
 * longer read as if the interrupted code had called it. Used only when the model is present.
 *
 * <p>Thread-safety: stateless; reads the capturing kernel thread's own state.
 */
public final class InterruptBoundaries implements FrameBoundaries {

    /** The one instance. */
    public static final InterruptBoundaries INSTANCE = new InterruptBoundaries();

    static final String DELIVER_CLASS = "org.lockwitness.kernel.Interrupts";
    static final String DELIVER_METHOD = "deliver";
    /** The line for a boundary whose interrupt the thread no longer names. */
    static final String UNNAMED = "--- interrupt ---";

    private InterruptBoundaries() {
    }

    @Override
    public String at(String className, String methodName, int k) {
        if (!DELIVER_METHOD.equals(methodName) || !DELIVER_CLASS.equals(className)) {
            return null;
        }
        try {
            String line = KThread.curthread().interruptLabel(k);
            return line != null ? line : UNNAMED;
        } catch (IllegalStateException notKernel) {
            return UNNAMED;
        }
    }
}
