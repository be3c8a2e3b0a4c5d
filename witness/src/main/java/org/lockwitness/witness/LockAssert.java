package org.lockwitness.witness;

/**
 * The {@code LA_*} values of FreeBSD's {@code witness_assert}, combined with bitwise or and
 * passed to {@link Witness#assertLock}. Constants only; thread-safe.
 */
public final class LockAssert {
    /** The lock is not held by the caller ({@code LA_UNLOCKED}, {@code MA_NOTOWNED}). */
    public static final int UNLOCKED = 0x00;
    /** The lock is held, shared or exclusive ({@code LA_LOCKED}). */
    public static final int LOCKED = 0x01;
    /** The lock is held shared ({@code LA_SLOCKED}). */
    public static final int SLOCKED = 0x02;
    /** The lock is held exclusive ({@code LA_XLOCKED}, {@code MA_OWNED}). */
    public static final int XLOCKED = 0x04;
    /** The lock is recursed ({@code LA_RECURSED}). */
    public static final int RECURSED = 0x08;
    /** The lock is not recursed ({@code LA_NOTRECURSED}). */
    public static final int NOTRECURSED = 0x10;

    private LockAssert() {
    }
}
