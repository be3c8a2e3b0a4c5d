package org.lockwitness.witness;

import java.util.Arrays;

/**
 * The per-CPU registry, FreeBSD's {@code pcpu} array as far as WITNESS uses it: a
 * {@link CpuState} per CPU id, created on first use, so the witness needs no CPU count up front.
 *
 * <h2>Design and thread-safety</h2>
 * Lookups are lock-free: the array is published through a volatile field and never changed in
 * place after a slot is filled, so a reader sees either an old array (and falls back to the slow
 * lookup) or a complete one. A CPU is added, and the array grown, under the checker lock (the
 * {@link WitnessState} monitor), which also serializes {@link #holder} and
 * {@link #clearSpinLocks} against additions. A {@link CpuState}'s contents belong to the thread
 * running on that CPU.
 */
final class CpuTable {
    private final Object checkerLock;
    private volatile CpuState[] cpus = new CpuState[0];

    CpuTable(Object checkerLock) {
        this.checkerLock = checkerLock;
    }

    /**
     * The state of the CPU {@code t} runs on: the one {@code t} cached, while it still runs there
     * (a CPU's state is never replaced), so the fast path reads no volatile. Confined to {@code t}'s
     * thread.
     */
    CpuState of(WitnessThread t) {
        CpuState c = cached(t);
        return c != null ? c : refill(t);
    }

    /**
     * The hit path of {@link #of}, static so that a caller reaches it without the table: the state
     * {@code t} cached, if it is that of the CPU {@code t} runs on now; else null.
     */
    static CpuState cached(WitnessThread t) {
        CpuState c = t.cpuState;
        return c != null && c.id == t.cpu() ? c : null;
    }

    /** The miss path of {@link #of}: looks up the state of {@code t}'s CPU and caches it in {@code t}. */
    CpuState refill(WitnessThread t) {
        CpuState c = get(t.cpu());
        t.cpuState = c;
        return c;
    }

    /** The state of CPU {@code id}, created if new. */
    CpuState get(int id) {
        CpuState[] all = cpus;
        if (id < all.length && all[id] != null) {
            return all[id];
        }
        synchronized (checkerLock) {
            all = cpus;
            if (id >= all.length) {
                all = Arrays.copyOf(all, Math.max(id + 1, all.length * 2));
            }
            if (all[id] == null) {
                all[id] = new CpuState(id);
            }
            cpus = all;
            return all[id];
        }
    }

    /** The CPU that holds spin lock {@code instance}, or null. Caller holds the checker lock. */
    CpuState holder(long instance) {
        for (CpuState c : cpus) {
            if (c != null && c.spinLocks().find(instance) >= 0) {
                return c;
            }
        }
        return null;
    }

    /** Forgets every CPU's spin locks. Caller holds the checker lock. */
    void clearSpinLocks() {
        for (CpuState c : cpus) {
            if (c != null) {
                c.spinLocks().clear();
            }
        }
    }
}
