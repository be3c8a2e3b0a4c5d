package org.lockwitness.witness;

import java.util.List;

/**
 * {@link Rule#KIND_MISMATCH} in its three forms: a name enrolled again with another kind
 * ({@code witness_init}'s "does not match earlier" check), flags the kind cannot have (the
 * {@code lc_flags} KASSERT of FreeBSD's lock initialisers), and the spin API used on a sleep lock
 * or the reverse (the KASSERTs of {@code mtx_lock} and {@code mtx_lock_spin}). Kept apart from the
 * families because enrolment, the order check and the hold rules all report it.
 *
 * <p>Thread-safety: stateless; {@link #wrongApi} takes the checker lock, the others are called
 * under it.
 */
final class KindRules {
    private final WitnessState state;
    private final Dispatch dispatch;

    KindRules(WitnessState state, Dispatch dispatch) {
        this.state = state;
        this.dispatch = dispatch;
    }

    /** {@code type} was enrolled with another kind than {@code kind}. Under the lock. */
    Finding redefined(WitnessType type, LockKind kind) {
        return state.report(Rule.KIND_MISMATCH, type.name, Messages.kindRedefined(kind.className(), type.name,
                type.className()), List.of(type.name), List.of(), List.of(state.backtrace()), null);
    }

    /** A lock of {@code name} was enrolled with flags {@code bad} that {@code kind} does not allow. Under the lock. */
    Finding badFlags(String name, LockKind kind, int bad) {
        return state.report(Rule.KIND_MISMATCH, name, Messages.badFlags(name, kind.className(), bad), List.of(name),
                List.of(), List.of(), null);
    }

    /** An operation through the spin API ({@link OpFlags#SPIN_OP}) or not, disagreeing with the lock's kind. */
    void wrongApi(WitnessThread t, int lock, int site, int flags, boolean release) {
        dispatch.run(t, () -> {
            String here = state.siteText(site);
            return state.reportLock(Rule.KIND_MISMATCH, state.name(lock), Messages.kindMismatch(state.kind(lock),
                    state.name(lock), (flags & OpFlags.SPIN_OP) != 0, release, here), lock, here, t);
        });
    }
}
