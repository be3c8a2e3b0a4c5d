package org.lockwitness.agent.runtime;

import org.lockwitness.witness.Witness;

/**
 * The agent's one handle on its run-time side: {@link #start} hands over the witness before any
 * class is woven, {@link #reset} forgets the run-time state with the checker, and the event count
 * and hash feed the reports. Public only for the agent's entry package; woven code never calls it
 * (it calls {@link PairProbes}, {@link Probes}, {@link ColdProbes}, {@link Sites} and
 * {@link ExitStatus}).
 *
 * <p>Design: the probe classes copy the witness into static final fields when their first probe runs,
 * which is always after {@link #start}: advice is only woven after that.
 *
 * <p>Thread-safety: the witness is a volatile field written once by {@link #start}; {@link #reset}
 * may run only while no thread reports events, as {@link Witness#reset()} may.
 */
public final class ProbeRuntime {

    /** System property naming a lock whose acquire probe throws: the test-only fault hook. */
    public static final String FAULT_PROPERTY = "lockwitness.test.faultLock";

    private static volatile Witness witness;

    private ProbeRuntime() {
    }

    /**
     * Hands the started witness to the probes; call once, before the first class is woven.
     *
     * @param w the witness
     */
    public static void start(Witness w) {
        witness = w;
    }

    /** Forgets the event trace, as the witness's reset forgets its findings. */
    public static void reset() {
        EventTrace.reset();
    }

    /** @return the number of probe events seen since the start or the last reset */
    public static long events() {
        return EventTrace.events();
    }

    /** @return the hash of the sequence of those events */
    public static long eventTraceHash() {
        return EventTrace.hash();
    }

    static Witness witness() {
        return witness;
    }

    static String faultLock() {
        return System.getProperty(FAULT_PROPERTY);
    }
}
