package org.lockwitness.witness;

/**
 * One witness type, FreeBSD's {@code struct witness} (lockdep's {@code struct lock_class}): a lock
 * name with its kind and class flags, the unit of lock ordering. All locks of one name share it;
 * its id is the class id of {@link LockId}. Name and id are fixed; the kind is fixed once a lock of
 * this name is enrolled (a type created by a configured order has no kind until then). Also holds
 * the per-type state of three rules: the interrupt use of {@link Rule#IRQ_INVERSION} (lockdep's
 * usage bits), whether {@link Rule#DUPLICATE_LOCK_TYPE} was reported, and whether a Java
 * read/write lock of the type was ever written ({@link #writeSeen}).
 *
 * <p>Thread-safety: the mutable fields are read and written under the checker lock only, except
 * {@link #kind}, which is published before a lock id of this type is handed out, and
 * {@link #writeSeen}, read without the lock on the hold path and set once under it.
 */
final class WitnessType {
    final int id;
    final String name;
    final boolean giant;
    volatile LockKind kind;
    int flags;
    int refs;
    boolean usedInInterrupt;
    boolean heldWithInterrupts;
    boolean duplicateReported;
    /**
     * An exclusive acquire of a Java read/write lock of this type was seen ({@link CycleFilter#READ_READ});
     * read without the lock on the hold path, set once under it.
     */
    volatile boolean writeSeen;
    String firstInterruptSite;
    String firstEnabledSite;

    WitnessType(int id, String name) {
        this.id = id;
        this.name = name;
        this.giant = "Giant".equals(name);
    }

    /** The kind's FreeBSD class name, or "unknown" before a lock of this name is enrolled. */
    String className() {
        LockKind k = kind;
        return k == null ? "unknown" : k.className();
    }
}
