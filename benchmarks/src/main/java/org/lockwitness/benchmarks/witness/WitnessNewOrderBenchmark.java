package org.lockwitness.benchmarks.witness;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.lockwitness.witness.LockKind;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;
import org.lockwitness.witness.WitnessThread;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The scale issue's benchmark: the cost of a never-seen lock order. Each measured invocation
 * enrolls the classes in a fresh witness (in a random permutation, unrelated to the orders) and
 * then, from one thread through the {@link Witness} API, takes every order {@code a -> b} of an
 * {@link OrderWorkload} once (checkOrder and acquired for a, then for b, then both releases), so
 * every pair is a new order and none reverses another. One benchmark method per size, named
 * {@code classesC_ordersN}, with {@code N} operations per invocation: the score is the time per
 * new order.
 *
 * <p>Two secondary results, JMH event counters, which JMH sums over the measurement iterations:
 * {@code retainedBytesPerOrder} is the heap in use after a full GC with the witness still
 * reachable minus the heap in use after a full GC before it was created ({@code MemoryMXBean}),
 * divided by the orders, measured after the last measurement iteration only (the others report 0);
 * {@code cpuNanosPerOrder} is the benchmark thread's CPU time per order ({@code ThreadMXBean}), each
 * iteration reporting its share of the mean, so the sum is the mean over the iterations. On a
 * machine shared with other work the CPU time is the steadier figure; it leaves out the JIT and GC
 * threads. Stacks {@code on} are the default options
 * (32 frames, 2,048 stored stacks); {@code off} stores none ({@code stackStoreLimit(0)}). Run with
 * one fork and few iterations, e.g. {@code -f 1 -wi 1 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class WitnessNewOrderBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @Param({"off", "on"})
    String stacks;

    @Param({"random", "reverse"})
    String workload;

    private OrderWorkload orders;
    private Witness witness;
    private WitnessThread thread;
    private int[] idByRank;
    private int site;
    private long heapBefore;
    private int measured;
    private PerOrder result;
    private long cpuNanos;

    /** The per-order results of an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PerOrder {
        /** Retained heap of the witness after a full GC, divided by the orders; 0 but in the last iteration. */
        public double retainedBytesPerOrder;
        /** CPU time of the benchmark thread per order, divided by the measurement iterations. */
        public double cpuNanosPerOrder;
    }

    @Setup(Level.Trial)
    public void workload(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        String[] s = method.replace("classes", "").replace("orders", "").split("_");
        orders = new OrderWorkload(Integer.parseInt(s[0]), Integer.parseInt(s[1]),
                OrderWorkload.Kind.valueOf(workload.toUpperCase(Locale.ROOT)), 42);
    }

    @Setup(Level.Iteration)
    public void freshWitness() {
        witness = null;
        thread = null;
        idByRank = null;
        heapBefore = usedHeapAfterGc();
        WitnessOptions.Builder options = WitnessOptions.builder().classLimit(orders.classes);
        if (stacks.equals("off")) {
            options.stackStoreLimit(0);
        }
        witness = Witness.create(options.build());
        thread = witness.thread(1, "orders");
        site = witness.site("WitnessNewOrderBenchmark.java", 1, "order");
        idByRank = new int[orders.classes];
        for (int rank : orders.enrolment) {
            idByRank[rank] = witness.enroll("c" + rank, LockKind.SLEEP_MUTEX, 0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(100_000)
    public void classes1536_orders100000(PerOrder perOrder) {
        run(perOrder);
    }

    @Benchmark
    @OperationsPerInvocation(32_768)
    public void classes8192_orders32768(PerOrder perOrder) {
        run(perOrder);
    }

    @Benchmark
    @OperationsPerInvocation(1_000_000)
    public void classes100000_orders1000000(PerOrder perOrder) {
        run(perOrder);
    }

    @TearDown(Level.Iteration)
    public void measureAndCheck(IterationParams iteration) {
        if (!witness.findings().isEmpty()) {
            throw new IllegalStateException("consistent orders produced findings: " + witness.findings().get(0));
        }
        if (iteration.getType() == IterationType.MEASUREMENT) {
            result.cpuNanosPerOrder = (double) cpuNanos / orders.orders() / iteration.getCount();
            if (++measured == iteration.getCount()) {
                result.retainedBytesPerOrder = (double) (usedHeapAfterGc() - heapBefore) / orders.orders();
            }
        }
    }

    private void run(PerOrder perOrder) {
        result = perOrder;
        perOrder.retainedBytesPerOrder = 0;
        perOrder.cpuNanosPerOrder = 0;
        long start = CPU.getCurrentThreadCpuTime();
        int n = orders.orders();
        for (int i = 0; i < n; i++) {
            order(orders.from[i], orders.to[i], i);
        }
        cpuNanos = CPU.getCurrentThreadCpuTime() - start;
    }

    private void order(int a, int b, long step) {
        int first = idByRank[a];
        int second = idByRank[b];
        WitnessThread t = thread.at(0, 0, false, true, 0, false, false, false, step);
        witness.checkOrder(t, first, a + 1, site, 0, 0);
        witness.acquired(t, first, a + 1, site, 0);
        witness.checkOrder(t, second, b + 1, site, 0, 0);
        witness.acquired(t, second, b + 1, site, 0);
        witness.release(t, second, b + 1, site, 0);
        witness.release(t, first, a + 1, site, 0);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
