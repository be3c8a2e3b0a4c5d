package org.lockwitness.benchmarks.jlock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * One lock/unlock pair of ordinary Java code, in an order already seen, while {@code depth}
 * {@code ReentrantLock}s are held (taken in {@link #hold}, on the benchmark thread, in a fixed order;
 * each loaded from the field {@code Holder.lock}, so to the agent they are {@code depth} instances of
 * one lock class). The pair's lock is named as the agent names it: by the field it is loaded from
 * ({@link #reentrantLockField}, {@link #synchronizedField}), by the class of a {@code synchronized}
 * method's object ({@link #synchronizedMethod}), or, loaded from an array, by no field
 * ({@link #reentrantLockUnnamed}: the agent then names it by its allocation site, looked up per
 * acquire). {@link #reentrantLockHeldClass} takes one more instance of the held locks'
 * class, which the witness orders instance by instance. Subclasses choose the JVM: without the agent,
 * or under it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class JavaLockPairs {

    @Param({"1", "20"})
    int depth;

    private Holder[] held;
    private final Holder another = new Holder();
    private final ReentrantLock pairLock = new ReentrantLock();
    private final Object pairMonitor = new Object();
    private final Counter counter = new Counter();
    private final ReentrantLock[] unnamed = {new ReentrantLock()};
    private int work;

    /** Where the held locks are loaded from: one field, so one lock class to the agent. */
    static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
    }

    /** A class of our own whose {@code synchronized} method is the pair. */
    static final class Counter {
        private int n;

        synchronized int increment() {
            return ++n;
        }
    }

    @Setup(Level.Trial)
    public void hold() {
        held = new Holder[depth];
        for (int i = 0; i < depth; i++) {
            held[i] = new Holder();
            held[i].lock.lock();
        }
    }

    @TearDown(Level.Trial)
    public void release() {
        for (int i = depth - 1; i >= 0; i--) {
            held[i].lock.unlock();
        }
    }

    @Benchmark
    public int reentrantLockField() {
        pairLock.lock();
        try {
            return ++work;
        } finally {
            pairLock.unlock();
        }
    }

    @Benchmark
    public int synchronizedField() {
        synchronized (pairMonitor) {
            return ++work;
        }
    }

    @Benchmark
    public int synchronizedMethod() {
        return counter.increment();
    }

    @Benchmark
    public int reentrantLockUnnamed() {
        ReentrantLock l = unnamed[0];
        l.lock();
        try {
            return ++work;
        } finally {
            l.unlock();
        }
    }

    @Benchmark
    public int reentrantLockHeldClass() {
        another.lock.lock();
        try {
            return ++work;
        } finally {
            another.lock.unlock();
        }
    }
}
