package org.lockwitness.benchmarks.jlock;

import com.google.common.util.concurrent.CycleDetectingLockFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pair of {@link JavaLockPairs#reentrantLockField} with Guava's {@link CycleDetectingLockFactory}
 * (policy WARN), its {@code depth} held locks made by the same factory: Guava sees only the locks its
 * factory made, and has no form for {@code synchronized}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuavaLockPairBenchmark {

    @Param({"1", "20"})
    int depth;

    private ReentrantLock[] held;
    private ReentrantLock pairLock;
    private int work;

    @Setup(Level.Trial)
    public void hold() {
        CycleDetectingLockFactory factory = CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.WARN);
        held = new ReentrantLock[depth];
        for (int i = 0; i < depth; i++) {
            held[i] = factory.newReentrantLock("held-" + i);
            held[i].lock();
        }
        pairLock = factory.newReentrantLock("pair");
    }

    @TearDown(Level.Trial)
    public void release() {
        for (int i = depth - 1; i >= 0; i--) {
            held[i].unlock();
        }
    }

    @Benchmark
    public int reentrantLock() {
        pairLock.lock();
        try {
            return ++work;
        } finally {
            pairLock.unlock();
        }
    }
}
