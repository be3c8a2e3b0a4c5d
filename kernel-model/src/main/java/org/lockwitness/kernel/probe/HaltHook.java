package org.lockwitness.kernel.probe;

import java.util.function.Consumer;

/**
 * Where {@link Checker#halt(String)} goes: the machine registers itself here, so this package does
 * not depend on the machine.
 */
public final class HaltHook {

    private static volatile Consumer<String> target = reason -> { };

    private HaltHook() {
    }

    /**
     * Sets the receiver of halt requests. Called by the machine; not for checkers.
     *
     * @param receiver the receiver
     */
    public static void receiver(Consumer<String> receiver) {
        target = receiver;
    }

    static void request(String reason) {
        target.accept(reason);
    }
}
