package org.lockwitness.agent.runtime;

/**
 * The calls that call-site instrumentation places around each call into a probe-annotated model
 * method: {@link #enter(int)} before, with the constant id of the caller's {@code file:line}, and
 * {@link #exit(int)} after. Public because instrumented host classes, in any package, call it; not
 * an API for anyone else.
 *
 * <p>Thread-safety: acts on the calling thread's own state only.
 */
public final class Sites {

    private Sites() {
    }

    /**
     * Makes {@code site} the calling thread's current site.
     *
     * @param site the site id registered with the witness when the caller was transformed
     * @return the site it replaced, for the caller to hand back to {@link #exit(int)}
     */
    public static int enter(int site) {
        PerThread pt = PerThread.get();
        int prev = pt.site;
        pt.site = site;
        return prev;
    }

    /**
     * Restores the site that {@link #enter(int)} replaced.
     *
     * @param prev what that {@code enter} returned
     */
    public static void exit(int prev) {
        PerThread.get().site = prev;
    }
}
