package org.lockwitness.witness;

/**
 * The fast path of the order check ({@link OrderCheck#known}) for an ordinary Java thread's handle
 * ({@link Witness#javaThread}). Such a thread runs on no machine CPU: it can hold no spin lock and
 * its CPU slot never holds one, so its sleep acquire is decided without the CPU table, which the
 * model's threads need and a profile of the agent's Java-lock pairs found at about a tenth of their
 * time. The rest is {@link OrderCheck#known}'s, written out rather than shared so that the model's
 * path keeps its shape (docs/PERFORMANCE.md, 2026-12-01).
 *
 * <p>Thread-safety: stateless; the held list it reads is confined to the reporting thread, and the
 * shared state it reads is read as {@link OrderCheck#known} reads it.
 */
final class JavaOrderCheck {

    private JavaOrderCheck() {
    }

    /**
     * {@link OrderCheck#known} for a Java thread's handle: the same answer and the same effects.
     * Any other handle, or a spin lock or the spin API, goes to {@link OrderCheck#known}.
     */
    static boolean known(OrderCheck order, WitnessState state, WitnessThread t, int lock, int flags, long interlock) {
        if (!t.java || LockId.isSpin(lock) || (flags & OpFlags.SPIN_OP) != 0) {
            return order.known(t, lock, flags, interlock);
        }
        if (t.rendezvousDepth != 0 || !t.ordinaryContext()) {
            return false;
        }
        HeldLocks held = t.sleepLocks();
        int plock = OrderCheck.plock(held, interlock);
        if (plock < 0) {
            return true;
        }
        int cls = LockId.classOf(lock);
        int dep = Deps.of(!held.exclusive(plock), OrderCheck.recursiveRead(t, lock, flags));
        int parent = held.classOf(plock);
        return !held.mayHoldClass(cls) && state.cycleFilters.seenBefore(t, held, parent, cls, dep)
                && (OrderCache.memoHit(t, parent, cls, dep) || state.cache.knownAndRemember(t, parent, cls, dep));
    }
}
