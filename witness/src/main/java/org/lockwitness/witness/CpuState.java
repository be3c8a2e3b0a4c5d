package org.lockwitness.witness;

/**
 * Per-CPU witness state: the spin locks held on the CPU ({@code PCPU(spinlocks)}). Used only by
 * the thread currently running on the CPU; see {@link HeldLocks}.
 */
final class CpuState {
    final int id;
    final HeldLocks spinLocks;

    CpuState(int id) {
        this.id = id;
        this.spinLocks = new HeldLocks();
    }
}
