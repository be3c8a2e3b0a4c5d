package org.lockwitness.witness;

import java.util.List;

/**
 * Lock init, FreeBSD's {@code witness_init} ({@code enroll}) and lockdep's
 * {@code lockdep_init_map}: finds or creates the witness type of a name, fixes its kind and flags,
 * and hands out the lock id ({@link LockId}). When the class table is full it reports
 * {@link Rule#CHECKER_EXHAUSTED} and disables the checker, as WITNESS does when it runs out of
 * {@code struct witness}.
 *
 * <p>Thread-safety: stateless; {@link #enroll} takes the checker lock.
 */
final class Enrollment {
    private final WitnessState state;
    private final Dispatch dispatch;
    private final KindRules kinds;

    Enrollment(WitnessState state, Dispatch dispatch, KindRules kinds) {
        this.state = state;
        this.dispatch = dispatch;
        this.kinds = kinds;
    }

    /**
     * {@link Witness#enroll}: stores the lock id in {@code id[0]} as soon as it exists, so that it
     * is returned even if reporting bad flags afterwards fails; {@code id[0]} stays
     * {@link Witness#UNTRACKED} for a kind mismatch or a full table.
     */
    void enroll(String name, LockKind kind, int flags, int[] id) {
        dispatch.run(null, () -> {
            WitnessType c = state.typeFor(name);
            if (c == null) {
                return exhausted(name);
            }
            if (c.kind == null) {
                c.flags = (flags & kind.allowedFlags()) | kind.impliedFlags();
                c.kind = kind;
            } else if (c.kind != kind) {
                return kinds.redefined(c, kind);
            }
            int effective = (flags & kind.allowedFlags()) | kind.impliedFlags();
            c.refs++;
            id[0] = LockId.encode(c.id, effective, kind, c.giant);
            int bad = flags & ~kind.allowedFlags();
            return bad != 0 ? kinds.badFlags(name, kind, bad) : null;
        });
    }

    /** Disables the checker and reports the full class table; {@code name} is the lock that found it full. */
    private Finding exhausted(String name) {
        return state.exhausted(Messages.CLASS_TABLE, Messages.exhausted(name, state.options.classLimit),
                List.of(name));
    }
}
