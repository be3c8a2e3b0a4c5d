package org.lockwitness.witness;

/**
 * Where a captured stack crosses from a handler into the code it interrupted: the trap-frame line
 * that a FreeBSD backtrace prints between an interrupt handler's frames and the interrupted
 * thread's ({@code --- trap 0x..., rip = ... ---}). The witness knows no frame of the model, so its
 * caller names the boundary frames and their lines; a boundary is printed even when its own frame
 * is filtered out of the stack.
 *
 * <p>Thread-safety: called during a capture, on the capturing thread, under the checker lock; an
 * implementation may read that thread's state only.
 */
@FunctionalInterface
public interface FrameBoundaries {
    /** No boundary anywhere. */
    FrameBoundaries NONE = (className, methodName, k) -> null;

    /**
     * The line a stack shows at this frame, or null when the frame is no boundary.
     *
     * @param className the frame's class name
     * @param methodName the frame's method name
     * @param k how many boundaries the walk met before, from the innermost frame outward
     * @return the boundary's line, such as {@code --- interrupt 5 (nic) ---}, or null
     */
    String at(String className, String methodName, int k);
}
