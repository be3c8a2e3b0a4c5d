package org.lockwitness.witness;

/** {@code witness_assert}'s decision for {@link LockAssert} flags. Stateless. */
final class LockAssertion {
    private static final int MODES = LockAssert.LOCKED | LockAssert.SLOCKED | LockAssert.XLOCKED;
    private static final int RECURSION = LockAssert.RECURSED | LockAssert.NOTRECURSED;

    private LockAssertion() {
    }

    /**
     * Checks an assertion against the held state.
     *
     * @return null if it holds; "" if the flags are not a valid assertion; otherwise FreeBSD's
     *     problem text ("locked", "not locked", "not exclusively locked", "exclusively locked",
     *     "not recursed", "recursed")
     */
    static String check(int what, boolean held, boolean exclusive, boolean recursed) {
        if (what == LockAssert.UNLOCKED) {
            return held ? "locked" : null;
        }
        int mode = what & MODES;
        if ((what & ~(MODES | RECURSION)) != 0 || Integer.bitCount(mode) != 1 || (what & RECURSION) == RECURSION) {
            return "";
        }
        if (!held) {
            return "not locked";
        }
        if (mode == LockAssert.XLOCKED && !exclusive) {
            return "not exclusively locked";
        }
        if (mode == LockAssert.SLOCKED && exclusive) {
            return "exclusively locked";
        }
        if ((what & LockAssert.RECURSED) != 0 && !recursed) {
            return "not recursed";
        }
        if ((what & LockAssert.NOTRECURSED) != 0 && recursed) {
            return "recursed";
        }
        return null;
    }
}
