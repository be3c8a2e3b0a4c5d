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
     * @return null if it holds; otherwise the problem, one of the {@code Messages.ASSERT_} texts
     *     ({@link Messages#ASSERT_INVALID} if the flags are not a valid assertion)
     */
    static String check(int what, boolean held, boolean exclusive, boolean recursed) {
        if (what == LockAssert.UNLOCKED) {
            return held ? Messages.ASSERT_LOCKED : null;
        }
        int mode = what & MODES;
        if ((what & ~(MODES | RECURSION)) != 0 || Integer.bitCount(mode) != 1 || (what & RECURSION) == RECURSION) {
            return Messages.ASSERT_INVALID;
        }
        if (!held) {
            return Messages.ASSERT_NOT_LOCKED;
        }
        if (mode == LockAssert.XLOCKED && !exclusive) {
            return Messages.ASSERT_NOT_XLOCKED;
        }
        if (mode == LockAssert.SLOCKED && exclusive) {
            return Messages.ASSERT_XLOCKED;
        }
        if ((what & LockAssert.RECURSED) != 0 && !recursed) {
            return Messages.ASSERT_NOT_RECURSED;
        }
        if ((what & LockAssert.NOTRECURSED) != 0 && recursed) {
            return Messages.ASSERT_RECURSED;
        }
        return null;
    }
}
