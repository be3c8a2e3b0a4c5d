package org.lockwitness.benchmarks.agent;

import java.util.concurrent.TimeUnit;
import org.lockwitness.kernel.Critical;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A model loop (a critical section and a spin mutex, as a reader of per-CPU state would) in a
 * one-CPU DETERMINISTIC machine, under the agent with {@code windows=probes}. The subclass
 * {@link ModelLoopLineWindowsBenchmark} runs it with {@code windows=lines}; the ratio of the two
 * times is the slowdown that line windows cost. The {@code windows} counter reports scheduling
 * points (windows) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = AgentJar.ARG + "=" + AgentJar.REPORT + ",windows=probes")
public class ModelLoopBenchmark {

    static final int ITERATIONS = 10_000;

    /** Windows (scheduling points) taken, as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Windows {
        public long windows;

        @Setup(Level.Iteration)
        public void clear() {
            windows = 0;
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public RunResult loop(Windows counter) {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx spin = new Mtx("bench spin", Mtx.SPIN);
        m.spawn("looper", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                Critical.enter();
                spin.lockSpin();
                spin.unlockSpin();
                Critical.exit();
            }
        });
        RunResult r = m.run(1_000L * ITERATIONS);
        if (r.status() != RunResult.Status.COMPLETED) {
            throw new IllegalStateException(r.toString());
        }
        counter.windows += m.steps();
        return r;
    }
}
