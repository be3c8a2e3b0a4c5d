package org.lockwitness.kernel;

/**
 * Unwinds a kernel thread's Java stack once its machine has stopped. Carries no stack trace.
 */
final class MachineStop extends Error {
    private static final long serialVersionUID = 1L;

    static final MachineStop INSTANCE = new MachineStop();

    private MachineStop() {
        super("machine stopped", null, false, false);
    }
}
