package org.lockwitness.witness;

/**
 * Flags of one lock operation, passed to {@link Witness#checkOrder}, {@link Witness#acquired} and
 * {@link Witness#release}: the {@code LOP_*} flags of FreeBSD plus the API used. An operation
 * without {@link #SHARED} is exclusive. Constants only; thread-safe.
 */
public final class OpFlags {
    /** A try-acquire ({@code LOP_TRYLOCK}): never order-checked, but held after success. */
    public static final int TRY = 0x1;
    /** A shared (read) acquire or release; exclusive otherwise. */
    public static final int SHARED = 0x2;
    /** The operation went through the spin API ({@code mtx_lock_spin}); checked against the lock's kind. */
    public static final int SPIN_OP = 0x4;
    /** A sleepable lock taken in a non-sleeping way ({@code LOP_NOSLEEP}, the rm read path). */
    public static final int NOSLEEP = 0x8;
    /** This acquire may duplicate a held lock type ({@code LOP_DUPOK}). */
    public static final int DUPOK = 0x10;

    private OpFlags() {
    }
}
