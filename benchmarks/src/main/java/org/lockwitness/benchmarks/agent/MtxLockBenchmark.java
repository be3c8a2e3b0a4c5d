package org.lockwitness.benchmarks.agent;

import java.util.concurrent.TimeUnit;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A sleep {@code Mtx} lock/unlock pair on a kernel thread of a one-CPU DETERMINISTIC machine,
 * without the agent. {@link MtxLockUnderAgentBenchmark} runs the same code under the agent; the
 * difference is the probe advice, the site calls and the witness's fast path (an order already
 * seen). Each invocation runs a fresh machine for {@link #PAIRS} pairs, so machine start-up is
 * amortised.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
public class MtxLockBenchmark {

    static final int PAIRS = 20_000;

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public RunResult lockUnlock() {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx outer = new Mtx("bench outer", Mtx.DEF);
        Mtx inner = new Mtx("bench inner", Mtx.DEF);
        m.spawn("locker", KThread.PRI_MIN_KERN, () -> {
            outer.lock();
            for (int i = 0; i < PAIRS; i++) {
                inner.lock();
                inner.unlock();
            }
            outer.unlock();
        });
        RunResult r = m.run(10L * PAIRS);
        if (r.status() != RunResult.Status.COMPLETED) {
            throw new IllegalStateException(r.toString());
        }
        return r;
    }
}
