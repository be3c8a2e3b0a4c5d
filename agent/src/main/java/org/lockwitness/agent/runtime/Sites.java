package org.lockwitness.agent.runtime;

/**
 * The calls that call-site instrumentation places around each call into a probe-annotated model
 * method: {@link #enter(int)} before, with the constant id of the caller's {@code file:line}, and
 * {@link #exit()} after. Public because instrumented host classes, in any package, call it; not
 * an API for anyone else.
 *
 * <p>Thread-safety: acts on the calling thread's own state only.
 */
public final class Sites {

    private Sites() {
    }

    /**
     * Makes {@code site} the calling thread's current site, remembering the previous one.
     *
     * @param site the site id registered with the witness when the caller was transformed
     */
    public static void enter(int site) {
        PerThread.get().pushSite(site);
    }

    /** Restores the site that {@link #enter(int)} replaced. */
    public static void exit() {
        PerThread.get().popSite();
    }
}
