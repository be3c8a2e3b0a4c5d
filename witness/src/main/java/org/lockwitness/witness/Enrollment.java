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
            boolean first = c.kind == null;
            if (first) {
                c.flags = (flags & kind.allowedFlags()) | kind.impliedFlags();
                c.kind = kind;
            } else if (c.kind != kind) {
                return kinds.redefined(c, kind);
            }
            int effective = (flags & kind.allowedFlags()) | kind.impliedFlags();
            c.refs++;
            id[0] = LockId.encode(c.id, effective, kind, c.giant);
            int bad = flags & ~kind.allowedFlags();
            Finding panic = bad != 0 ? kinds.badFlags(name, kind, bad) : null;
            Finding mixed = first ? mixedChains(c) : null;
            return panic != null ? panic : mixed;
        });
    }

    /**
     * {@link Rule#KIND_MISMATCH} for each declared chain that names the newly kinded type
     * {@code c} and a type of the other tree (spin or sleep) already enrolled: FreeBSD's
     * {@code itismychild} refuses a child of another lock type. Under the lock.
     */
    private Finding mixedChains(WitnessType c) {
        WitnessConfig config = state.options.config;
        Finding panic = null;
        for (int i = 0; i < config.orders().size(); i++) {
            List<String> chain = config.orders().get(i);
            if (!chain.contains(c.name)) {
                continue;
            }
            for (String other : chain) {
                WitnessType o = state.classes.byName(other);
                if (o == null || o.kind == null || o.kind.isSpin() == c.kind.isSpin()) {
                    continue;
                }
                WitnessType spin = c.kind.isSpin() ? c : o;
                WitnessType sleep = spin == c ? o : c;
                String site = config.orderSite(i);
                Finding f = state.report(Rule.KIND_MISMATCH, "order\u0000" + site,
                        Messages.mixedOrder(site, spin.name, spin.className(), sleep.name, sleep.className()),
                        List.of(spin.name, sleep.name), List.of(site), List.of(), null);
                panic = panic != null ? panic : f;
                break;
            }
        }
        return panic;
    }

    /** Disables the checker and reports the full class table; {@code name} is the lock that found it full. */
    private Finding exhausted(String name) {
        return state.exhausted(Messages.CLASS_TABLE, Messages.exhausted(name, state.options.classLimit),
                List.of(name));
    }
}
