package org.lockwitness.witness;

/**
 * The part of {@link Witness}'s public API for ordinary Java threads, which FreeBSD's witness has
 * no counterpart for: their handles, the {@code Thread.start}/{@code Thread.join} happens-before of
 * the start/join cycle filter, and the questions the agent asks before it reports a Java lock (does
 * the witness count this lock held; may it hold one of this class; is this order already known).
 * Each method is a guard and one call into a family ({@link EventGuard}). Only {@link Witness}
 * extends it; its public methods are Witness's, so callers never name this class.
 *
 * <p>Thread-safety: as {@link Witness} says; a method with a {@link WitnessThread} is confined to
 * that handle's thread.
 */
abstract class JavaThreadEvents extends ContextEvents {

    JavaThreadEvents(WitnessOptions options) {
        super(options);
    }

    /**
     * Creates the handle of an ordinary Java thread (not a kernel thread of a machine): it has no CPU
     * and no interrupt context, belongs to no machine run, and lives until {@link Witness#threadExit}. Its
     * events are sent without {@link WitnessThread#at}. Thread-safe.
     */
    public WitnessThread javaThread(long tid, String name) {
        return state.addThread(new WitnessThread(tid, name, true));
    }

    /**
     * Java thread {@code t} is about to start the thread of id {@code child} ({@code Thread.start}):
     * what {@code t} did so far happens before everything the child does, for
     * {@link CycleFilter#START_JOIN}. A no-op when that filter is off. Confined to {@code t}'s
     * thread; takes the checker lock.
     */
    public void threadStart(WitnessThread t, long child) {
        if (state.options.filters(CycleFilter.START_JOIN)) {
            event(ignores(t), "threadStart", () -> dispatch.run(t, () -> {
                t.epoch = state.startJoin.started(t.tid, child);
                return null;
            }));
        }
    }

    /**
     * Java thread {@code t} returned from joining the thread of id {@code child}, which has ended
     * ({@code Thread.join}): everything the child did happens before what {@code t} does next, for
     * {@link CycleFilter#START_JOIN}. A no-op when that filter is off. Confined to {@code t}'s
     * thread; takes the checker lock.
     */
    public void threadJoin(WitnessThread t, long child) {
        if (state.options.filters(CycleFilter.START_JOIN)) {
            event(ignores(t), "threadJoin", () -> dispatch.run(t, () -> {
                t.epoch = state.startJoin.joined(t.tid, child);
                return null;
            }));
        }
    }

    /**
     * Whether the witness counts {@code instance} among the locks {@code t} holds (sleep locks only),
     * so that a caller that can ask the lock itself (a Java lock's {@code isHeldByCurrentThread}) can
     * tell a hold the witness never saw. Confined to {@code t}'s thread; no lock.
     */
    public boolean holds(WitnessThread t, long instance) {
        return t.sleepLocks().find(instance) >= 0;
    }

    /**
     * False when {@code t} holds no lock of {@code lock}'s class (one test of a 64-bit word); true
     * when it may, and then {@link #holds} or the lock itself can say. For a caller that must not
     * pay a search of the held locks on every acquire. Confined to {@code t}'s thread; no lock.
     */
    public boolean mayHoldClass(WitnessThread t, int lock) {
        return t.sleepLocks().mayHoldClass(LockId.classOf(lock));
    }

    /**
     * {@link #orderKnown} and then {@link Witness#acquired} in one event, for a Java thread's
     * exclusive, blocking acquire that cannot fail once checked (a monitor about to be entered, a
     * {@code ReentrantLock} already taken): when the order is known, the hold is recorded exactly
     * as {@link Witness#acquired} records it and this returns true; otherwise it returns false,
     * having changed nothing, and the caller makes the full check and the hold. One guard and one
     * fault net instead of two, on the agent's hottest path. Thread-safe as
     * {@link Witness#acquired}; allocates nothing.
     *
     * @return true when the acquire is checked and held (also for an ignored event)
     */
    public boolean acquiredIfKnown(WitnessThread t, int lock, long instance, int site) {
        if (ignores(t, lock)) {
            return true;
        }
        try {
            t.blockingSite = site;
            if (!JavaOrderCheck.known(order, state, t, lock, 0, 0L)) {
                return false;
            }
            if (!HoldRules.pushed(t, lock, instance, site, 0)) {
                holds.acquired(t, lock, instance, site, 0);
            }
        } catch (Throwable e) {
            dispatch.fault(e, "acquired");
        }
        return true;
    }

    /**
     * The fast path of {@link Witness#checkOrder} on its own: true when the acquire is decided without a
     * finding and without the checker lock (it orders against nothing, or its order is already
     * known), after exactly the effects {@link Witness#checkOrder} would have had; false when only
     * {@link Witness#checkOrder} can decide, having changed nothing. For a caller with costly work to do
     * before a full check that the common case does not need: the agent asks the JVM whether a
     * monitor is already held (a re-entry, which cannot block) only when this returns false.
     * Thread-safe as {@link Witness#checkOrder}; allocates nothing.
     *
     * @return true when nothing is left to check (also for an ignored event)
     */
    public boolean orderKnown(WitnessThread t, int lock, int site, int flags, long interlock) {
        if (ignores(t, lock)) {
            return true;
        }
        try {
            t.blockingSite = site;
            return JavaOrderCheck.known(order, state, t, lock, flags, interlock);
        } catch (Throwable e) {
            dispatch.fault(e, "checkOrder");
            return true;
        }
    }
}
