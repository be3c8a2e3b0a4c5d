package org.lockwitness.witness;

/**
 * Per-CPU witness state: the spin locks held on the CPU ({@code PCPU(spinlocks)}). Used only by
 * the thread currently running on the CPU; see {@link HeldLocks}. The state is its CPU's list of
 * spin locks, as a {@link WitnessThread} is its thread's list of sleep locks, so that the fast
 * path's test of the list's depth costs no load through a field.
 */
final class CpuState extends HeldLocks {
    final int id;

    CpuState(int id) {
        this.id = id;
    }

    /** The spin locks held on this CPU: the state's own list. */
    HeldLocks spinLocks() {
        return this;
    }
}
