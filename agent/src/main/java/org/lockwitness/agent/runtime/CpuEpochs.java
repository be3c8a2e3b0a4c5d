package org.lockwitness.agent.runtime;

import java.util.Arrays;
import org.lockwitness.witness.OpFlags;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessThread;

/**
 * Keeps a new machine from inheriting the spin locks a finished machine left held on a CPU of the
 * same number. The witness holds spin locks per CPU number, and a machine that hangs or halts stops
 * anywhere, spin locks held included. So the agent
 * mirrors, per CPU, the spin locks the witness counts as held, and when a CPU first reports an
 * event of another machine, it releases the old machine's holds in the witness before the event.
 *
 * <p>Design: CPU {@code c}'s state is touched only by the thread running on CPU {@code c} (the
 * witness's own confinement rule for per-CPU state), so plain arrays suffice; a machine is told
 * apart by identity.
 *
 * <p>Thread-safety: per-CPU confinement, as above.
 */
final class CpuEpochs {

    private static final int MAX_CPUS = 32;

    private final Object[] machine = new Object[MAX_CPUS];
    private final int[][] locks = new int[MAX_CPUS][8];
    private final long[][] instances = new long[MAX_CPUS][8];
    private final int[] depth = new int[MAX_CPUS];

    /** Before an event of {@code m} on {@code cpu}: drops what another machine left held there. */
    void enter(Witness w, WitnessThread t, int cpu, Object m) {
        if (cpu < 0 || cpu >= MAX_CPUS || machine[cpu] == m) {
            return;
        }
        machine[cpu] = m;
        for (int i = depth[cpu] - 1; i >= 0; i--) {
            w.release(t, locks[cpu][i], instances[cpu][i], 0, OpFlags.SPIN_OP);
        }
        depth[cpu] = 0;
    }

    /** Forgets every hold, as {@link Witness#reset()} does; only while no thread reports events. */
    void reset() {
        Arrays.fill(machine, null);
        Arrays.fill(depth, 0);
    }

    /** A spin lock became held on {@code cpu} (once per recursion level). */
    void acquired(int cpu, int lock, long instance) {
        if (cpu < 0 || cpu >= MAX_CPUS) {
            return;
        }
        int d = depth[cpu];
        if (d == locks[cpu].length) {
            locks[cpu] = Arrays.copyOf(locks[cpu], d * 2);
            instances[cpu] = Arrays.copyOf(instances[cpu], d * 2);
        }
        locks[cpu][d] = lock;
        instances[cpu][d] = instance;
        depth[cpu] = d + 1;
    }

    /** One level of a spin lock was released on {@code cpu}. */
    void released(int cpu, long instance) {
        if (cpu < 0 || cpu >= MAX_CPUS) {
            return;
        }
        long[] held = instances[cpu];
        for (int i = depth[cpu] - 1; i >= 0; i--) {
            if (held[i] == instance) {
                int n = --depth[cpu];
                System.arraycopy(held, i + 1, held, i, n - i);
                System.arraycopy(locks[cpu], i + 1, locks[cpu], i, n - i);
                return;
            }
        }
    }
}
