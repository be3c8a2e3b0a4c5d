package org.lockwitness.witness;

/**
 * Lockdep's dependency kinds {@code -(xy)->} of an order edge ({@code kernel/locking/lockdep.c},
 * {@code DEP_SR_BIT} .. {@code DEP_EN_BIT}): x is E or S for how the parent is held, y is N or R
 * for whether the child is a recursive read (a shared acquire by a thread that already holds a
 * lock of that kind shared, which cannot block behind a waiting writer). A known kind covers a new
 * one when it is at least as strong: EN covers all; ER covers SR; SN covers SR. Stateless.
 *
 * <p>The order graph's search runs over states (class, entered-by-a-recursive-read): an edge
 * entered by a recursive read may only be left from an exclusive hold (lockdep's strong path). The
 * four <em>variants</em> of an edge {@code u -> v} are the state transitions its kinds allow:
 * {@link #V_NN} (u,N) to (v,N), {@link #V_NR} (u,N) to (v,R), {@link #V_RN} (u,R) to (v,N) and
 * {@link #V_RR} (u,R) to (v,R).
 */
final class Deps {
    static final int EN = 0x1;
    static final int ER = 0x2;
    static final int SN = 0x4;
    static final int SR = 0x8;
    static final int MASK = 0xF;

    /** The variants: bit {@code 1 << (2 * enteredR + childR)}. */
    static final int V_NN = 0x1;
    static final int V_NR = 0x2;
    static final int V_RN = 0x4;
    static final int V_RR = 0x8;

    /** COVER[dep] in four bits per kind: the known kinds that cover {@code dep}, at bit 4 * dep. */
    private static final long COVER = ((long) EN << (4 * EN)) | ((long) (ER | EN) << (4 * ER))
            | ((long) (SN | EN) << (4 * SN)) | ((long) MASK << (4 * SR));

    private Deps() {
    }

    static int of(boolean parentShared, boolean childRecursiveRead) {
        if (parentShared) {
            return childRecursiveRead ? SR : SN;
        }
        return childRecursiveRead ? ER : EN;
    }

    static boolean recursive(int dep) {
        return dep == ER || dep == SR;
    }

    static boolean parentShared(int dep) {
        return dep == SN || dep == SR;
    }

    /** The kinds that cover {@code dep} (one of EN, ER, SN, SR). */
    static int cover(int dep) {
        return (int) (COVER >>> (4 * dep)) & MASK;
    }

    /** The variants an edge with these kinds allows. */
    static int variants(int deps) {
        return ((deps & (EN | SN)) != 0 ? V_NN : 0) | ((deps & (ER | SR)) != 0 ? V_NR : 0)
                | ((deps & EN) != 0 ? V_RN : 0) | ((deps & ER) != 0 ? V_RR : 0);
    }
}
