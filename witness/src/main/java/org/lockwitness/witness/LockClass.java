package org.lockwitness.witness;

/**
 * One witness type ({@code struct witness}): a lock name with its kind and class flags. All locks
 * of one name share it. Name and id are fixed; the kind is fixed once a lock of this name is
 * enrolled (a class created by a configured order has no kind until then). The mutable fields are
 * read and written under the checker lock only, except {@link #kind}, which is published before the
 * id is handed out.
 */
final class LockClass {
    final int id;
    final String name;
    final boolean giant;
    volatile LockKind kind;
    int flags;
    int refs;
    boolean usedInInterrupt;
    boolean heldWithInterrupts;
    boolean duplicateReported;
    String firstInterruptSite;
    String firstEnabledSite;

    LockClass(int id, String name) {
        this.id = id;
        this.name = name;
        this.giant = "Giant".equals(name);
    }

    String className() {
        LockKind k = kind;
        return k == null ? "unknown" : k.className();
    }
}
