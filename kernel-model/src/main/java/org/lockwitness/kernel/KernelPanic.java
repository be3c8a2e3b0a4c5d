package org.lockwitness.kernel;

/**
 * The cause recorded when the model panics ({@code panic}, a failed {@code KASSERT}).
 */
public final class KernelPanic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KernelPanic(String message) {
        super(message);
    }
}
