package org.lockwitness.benchmarks.model;

import java.util.concurrent.TimeUnit;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RandomStrategy;
import org.lockwitness.kernel.RunResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DETERMINISTIC machine's own costs, without the agent: scheduling points per second, CPU
 * hand-overs per second between two threads and among eight (four per CPU, so that more threads
 * wait than the host has cores), and an uncontended sleep mutex lock/unlock. Each invocation runs a whole
 * machine; the per-operation figure includes its start-up, amortised over {@link #OPS} operations.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MachineBenchmark {

    static final int OPS = 200_000;

    private static void check(RunResult r) {
        if (r.status() != RunResult.Status.COMPLETED) {
            throw new IllegalStateException(r.toString());
        }
    }

    /** Scheduling points (windows) on 2 CPUs with the default strategy (mean quantum 16). */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public long schedulingPoints() {
        Machine m = Machine.builder().cpus(2).seed(1).build();
        for (int t = 0; t < 2; t++) {
            m.spawn("w" + t, KThread.PRI_MIN_KERN, () -> {
                for (int i = 0; i < OPS / 2; i++) {
                    Machine.window();
                }
            });
        }
        RunResult r = m.run(10L * OPS);
        check(r);
        return r.steps();
    }

    /** CPU hand-overs: a strategy whose quantum is one point, so every window changes CPU. */
    @Benchmark
    @OperationsPerInvocation(OPS / 10)
    public long cpuHandoffs() {
        return handoffs(2);
    }

    /**
     * CPU hand-overs as in {@link #cpuHandoffs}, among eight threads on the two CPUs: the waiting
     * threads outnumber a small host's cores, as in a real machine with its idle and interrupt
     * threads.
     */
    @Benchmark
    @OperationsPerInvocation(OPS / 10)
    public long crowdedHandoffs() {
        return handoffs(8);
    }

    /** {@code OPS / 10} windows in all, shared by {@code threads} threads on 2 CPUs, every one changing CPU. */
    private static long handoffs(int threads) {
        Machine m = Machine.builder().cpus(2).strategy(new RandomStrategy(1, 1, 0.5)).build();
        for (int t = 0; t < threads; t++) {
            m.spawn("w" + t, KThread.PRI_MIN_KERN, () -> {
                for (int i = 0; i < OPS / 10 / threads; i++) {
                    Machine.window();
                }
            });
        }
        RunResult r = m.run(10L * OPS);
        check(r);
        return r.trace().size();
    }

    /** Uncontended sleep mutex lock/unlock pairs on one CPU. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @BenchmarkMode(Mode.AverageTime)
    public long sleepMutexLockUnlock() {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx mtx = new Mtx("bench", Mtx.DEF);
        m.spawn("locker", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < OPS; i++) {
                mtx.lock();
                mtx.unlock();
            }
        });
        RunResult r = m.run(100L * OPS);
        check(r);
        return r.steps();
    }
}
