package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.NoWindows;

/**
 * The reusable {@link SchedulingPoint} a strategy sees: one per machine, refilled at each point,
 * and the runnable CPUs computed only when asked for.
 *
 * <p>Thread-safety: used by the baton holder only, in DETERMINISTIC mode.
 */
@NoWindows
final class PointView implements SchedulingPoint {

    private final Cpu[] cpus;
    private final int[] runnable;
    private Kind kind;
    private long step;
    private int cpu;
    private int count = -1;

    PointView(Cpu[] cpus) {
        this.cpus = cpus;
        this.runnable = new int[cpus.length];
    }

    PointView at(Kind k, long s, Cpu c) {
        kind = k;
        step = s;
        cpu = c.id;
        count = -1;
        return this;
    }

    private void compute() {
        if (count >= 0) {
            return;
        }
        int n = 0;
        for (Cpu c : cpus) {
            if (c.isCandidate()) {
                runnable[n++] = c.id;
            }
        }
        count = n;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public int cpu() {
        return cpu;
    }

    @Override
    public int cpus() {
        return cpus.length;
    }

    @Override
    public boolean runnable(int c) {
        return cpus[c].isCandidate();
    }

    @Override
    public int runnableCount() {
        compute();
        return count;
    }

    @Override
    public int runnableCpu(int index) {
        compute();
        return runnable[index];
    }
}
