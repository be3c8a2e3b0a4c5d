package org.lockwitness.agent;

import org.lockwitness.witness.Witness;

/**
 * Hands the started witness to {@link Probes}, whose static final fields read it when the first
 * probe runs, always after {@link Boot} set it: advice is only woven after that.
 *
 * <p>Thread-safety: volatile fields, written once by {@link Boot}.
 */
final class AgentState {

    /** System property naming a lock whose acquire probe throws: the test-only fault hook. */
    static final String FAULT_PROPERTY = "lockwitness.test.faultLock";

    private static volatile Witness witness;

    private AgentState() {
    }

    static void witness(Witness w) {
        witness = w;
    }

    static Witness witness() {
        return witness;
    }

    static String faultLock() {
        return System.getProperty(FAULT_PROPERTY);
    }
}
