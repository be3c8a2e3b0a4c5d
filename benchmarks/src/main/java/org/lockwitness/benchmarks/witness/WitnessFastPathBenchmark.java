package org.lockwitness.benchmarks.witness;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.google.common.util.concurrent.CycleDetectingLockFactory;

import org.lockwitness.witness.LockKind;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;
import org.lockwitness.witness.WitnessThread;
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
 * Issue 6's fast-path benchmark: one lock/unlock pair of a {@link ReentrantLock} in an order
 * already seen, while {@code depth} other locks are held (acquired before, in a fixed order), in
 * three variants: no checker ({@link #plain}), every acquire and release reported to the witness
 * as the agent's probes of a model lock report it ({@link #witness}), and Guava's
 * {@link CycleDetectingLockFactory} ({@link #guava}). The witness's added cost per acquire is
 * {@code witness - plain}. Run with {@code -prof gc} for B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WitnessFastPathBenchmark {
    @Param({"1", "20"})
    int depth;

    private ReentrantLock[] plainHeld;
    private ReentrantLock plainLock;

    private Witness witness;
    private WitnessThread thread;
    private int witnessId;
    private int site;
    private ReentrantLock witnessLock;
    private ReentrantLock[] witnessHeld;

    private ReentrantLock[] guavaHeld;
    private ReentrantLock guavaLock;

    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        plainHeld = new ReentrantLock[depth];
        witnessHeld = new ReentrantLock[depth];
        guavaHeld = new ReentrantLock[depth];
        CycleDetectingLockFactory factory = CycleDetectingLockFactory.newInstance(CycleDetectingLockFactory.Policies.WARN);
        witness = Witness.create(WitnessOptions.defaults());
        thread = witness.thread(1, "bench");
        site = witness.site("WitnessFastPathBenchmark.java", 1, "pair");
        for (int i = 0; i < depth; i++) {
            plainHeld[i] = new ReentrantLock();
            plainHeld[i].lock();
            guavaHeld[i] = factory.newReentrantLock("held-" + i);
            guavaHeld[i].lock();
            witnessHeld[i] = new ReentrantLock();
            int id = witness.enroll("held-" + i, i % 2 == 0 ? LockKind.SLEEP_MUTEX : LockKind.RW, 0);
            witness.checkOrder(thread.at(0, 0, false, true, 0, false, false, false, 0), id, i + 1, site, 0, 0);
            witnessHeld[i].lock();
            witness.acquired(thread, id, i + 1, site, 0);
        }
        plainLock = new ReentrantLock();
        guavaLock = factory.newReentrantLock("pair");
        witnessLock = new ReentrantLock();
        witnessId = witness.enroll("pair", LockKind.SLEEP_MUTEX, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (!witness.findings().isEmpty()) {
            throw new IllegalStateException("a known order produced findings: " + witness.findings());
        }
        for (int i = depth - 1; i >= 0; i--) {
            plainHeld[i].unlock();
            guavaHeld[i].unlock();
            witnessHeld[i].unlock();
        }
    }

    /** The pair with no checker. */
    @Benchmark
    public void plain() {
        plainLock.lock();
        plainLock.unlock();
    }

    /**
     * The pair reported to the witness as the agent's probes of a model lock report it: the context
     * copied and the order checked before blocking; the hold after, and the release, through their
     * common cases, which read no context, with the context copied and the full event only when one
     * declines (never here).
     */
    @Benchmark
    public void witness() {
        long s = ++step;
        witness.checkOrder(thread.at(0, 0, false, true, 0, false, false, false, s), witnessId, 1000, site, 0, 0);
        witnessLock.lock();
        if (!witness.acquiredCommon(thread, witnessId, 1000, site, 0)) {
            witness.acquired(thread.at(0, 0, false, true, 0, false, false, false, s), witnessId, 1000, site, 0);
        }
        if (!witness.releaseCommon(thread, witnessId, 1000, 0)) {
            witness.release(thread.at(0, 0, false, true, 0, false, false, false, s), witnessId, 1000, site, 0);
        }
        witnessLock.unlock();
    }

    /** The pair through Guava's cycle-detecting lock. */
    @Benchmark
    public void guava() {
        guavaLock.lock();
        guavaLock.unlock();
    }
}
