package org.lockwitness.witness;

/**
 * The machinery behind {@link Witness}'s event methods: the rule families, wired once, and the guard and fault net
 * every event goes through. Witness extends it (through ContextEvents, which declares the context and machine events)
 * so that the public façade holds only its API; nothing else uses it.
 */
abstract class EventGuard {
    /*
     * Design. Each event method of Witness is a guard, one call into the family that owns the rule, and the fault net;
     * nothing else. The families are Enrollment (witness_init), OrderCheck (witness_checkorder), HoldRules
     * (witness_lock, _unlock, _upgrade, _downgrade, _assert, _destroy), ContextRules (witness_warn and the preemption
     * checks), MachineEvents and Runs (the machine runs and KERNEL_PANIC). They are created here once and never
     * change, so every field is final and safely published with the Witness.
     *
     * The guard. It is lock-free and is the whole cost of an ignored event. It drops the events of an UNTRACKED lock
     * (NOWITNESS, or declined at enroll); of a thread whose handle is busy, because the panic handler runs on it
     * (Dispatch sets the flag around the call, so a handler that drives the model cannot re-enter the rule that called
     * it); and every event once the checker has disabled itself (WitnessState.disabled: volatile and only ever set, so
     * a stale read checks one more event against a consistent state).
     *
     * Thread-safety. The families decide on the reporting thread's confined state (its WitnessThread and, for spin
     * locks, its CPU's CpuState) without a lock, and go through Dispatch for anything shared: the rule's work under the
     * one checker lock (WitnessState's monitor, FreeBSD's w_mtx), then, with the lock released, the report request and
     * the panic handler. The fault net turns any Throwable of a family into a CHECKER_FAULT named after the event, so a
     * bug in a rule costs a finding, never the host.
     *
     * Cost. The hot events allocate nothing: checkOrder, acquired, release and assertLock are written out in Witness,
     * contextSwitch in ContextEvents, the thread events pass non-capturing method references. The rarer ones pass a
     * lambda. checkOrder, acquired and release first try a fast path (OrderCheck.known, HoldRules.pushed,
     * HoldRules.popped): a small method that decides the common case with exactly the effects of the full rule, or
     * changes nothing and leaves it to the family; small, so that the JIT inlines it into the caller while the rules
     * stay out of line.
     */

    final WitnessState state;
    final Dispatch dispatch;
    final Enrollment enrollment;
    final OrderCheck order;
    final HoldRules holds;
    final ContextRules context;
    final MachineEvents machine;
    final Runs runs;

    EventGuard(WitnessOptions options) {
        state = new WitnessState(options);
        dispatch = new Dispatch(state, options);
        KindRules kinds = new KindRules(state, dispatch);
        context = new ContextRules(state, dispatch);
        OrderCheck orderCheck = new OrderCheck(state, dispatch, context, kinds);
        order = orderCheck;
        enrollment = new Enrollment(state, dispatch, kinds);
        holds = new HoldRules(state, dispatch, context, kinds, orderCheck);
        machine = new MachineEvents(state, dispatch);
        runs = new Runs(state, dispatch);
        dispatch.run(null, orderCheck::seedDeclaredOrders);
    }

    /** The guard of a lock event. */
    final boolean ignores(WitnessThread t, int lock) {
        return lock == Witness.UNTRACKED || t.busy || state.disabled;
    }

    /** The guard of a thread event. */
    final boolean ignores(WitnessThread t) {
        return t.busy || state.disabled;
    }

    /** An event of one thread at one site; implemented by non-capturing method references, which allocate nothing. */
    interface ThreadEvent {
        void on(ContextRules rules, WitnessThread t, int site);
    }

    /** A thread event through the guard and the fault net. */
    final void threadEvent(WitnessThread t, int site, ThreadEvent event, String where) {
        if (!ignores(t)) {
            try {
                event.on(context, t, site);
            } catch (Throwable e) {
                dispatch.fault(e, where);
            }
        }
    }

    /** A rarer event: {@code call} unless {@code ignored}, through the fault net. */
    final void event(boolean ignored, String where, Runnable call) {
        if (!ignored) {
            try {
                call.run();
            } catch (Throwable e) {
                dispatch.fault(e, where);
            }
        }
    }
}
