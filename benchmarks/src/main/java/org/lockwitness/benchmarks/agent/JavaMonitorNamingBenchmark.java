package org.lockwitness.benchmarks.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A {@code synchronized} pair of plain objects, without the agent, by how the agent would name the
 * locks: through the fields that hold them (named at weave time), through locals, made by
 * {@code new Object()} into an array (named by their allocation site, looked up by identity on
 * each acquire), and a JDK collection no woven code recorded (looked up, not found, named by its
 * class). {@link JavaMonitorNamingUnderAgentBenchmark} runs the same code under the agent
 * ({@code locks=java}); the difference is the hooks, the naming and the witness's fast path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JavaMonitorNamingBenchmark {

    private Object outer;
    private Object inner;
    private Object[] bySite;
    private Object[] byClass;
    private int counter;

    /**
     * Makes the locks: two in fields, two by allocation site (two sites, so two classes), two
     * collections of two JDK classes (so two classes).
     */
    @Setup
    public void setUp() {
        outer = new Object();
        inner = new Object();
        bySite = new Object[2];
        bySite[0] = new Object();
        bySite[1] = new Object();
        byClass = new Object[] {new ArrayList<String>(), new HashMap<String, String>()};
    }

    /** Named by the fields at the acquire sites. */
    @Benchmark
    public int fieldNamed() {
        synchronized (outer) {
            synchronized (inner) {
                return ++counter;
            }
        }
    }

    /** Named by allocation site: an identity lookup per acquire. */
    @Benchmark
    public int allocationSiteNamed() {
        return pair(bySite[0], bySite[1]);
    }

    /** Looked up, not found, named by the JDK class. */
    @Benchmark
    public int classNamed() {
        return pair(byClass[0], byClass[1]);
    }

    private int pair(Object a, Object b) {
        synchronized (a) {
            synchronized (b) {
                return ++counter;
            }
        }
    }
}
