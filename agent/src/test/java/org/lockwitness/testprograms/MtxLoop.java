package org.lockwitness.testprograms;

import java.lang.management.ManagementFactory;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;

/**
 * A sleep {@code Mtx} lock/unlock pair in a loop, inside an outer {@code Mtx} (a known order), on the
 * one kernel thread of a one-CPU DETERMINISTIC machine; prints the bytes the kernel thread allocated
 * over {@code pairs} pairs after a warm-up, by {@code com.sun.management.ThreadMXBean}.
 *
 * <p>The warm-up runs until the machine's decision trace has grown past 2,048 decisions: the trace
 * records every interrupt taken (a hardclock per tick) and doubles its array when full, the one
 * allocation of the run that grows with its length (a log of it, amortised). Past 2,048 it has room
 * for 4,096, and the program prints the trace's size after the measured window, so the test can
 * check that the window stayed within that room. Usage: {@code MtxLoop pairs}.
 */
public final class MtxLoop {

    /** Decisions after which the trace's array holds 4,096 and will not grow before the window ends. */
    private static final int TRACE_WARM = 2_100;

    private MtxLoop() {
    }

    public static void main(String[] args) {
        int pairs = Integer.parseInt(args[0]);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx outer = new Mtx("loop outer", Mtx.DEF);
        Mtx inner = new Mtx("loop inner", Mtx.DEF);
        long[] allocated = new long[1];
        m.spawn("locker", KThread.PRI_MIN_KERN, () -> {
            outer.lock();
            while (m.trace().size() < TRACE_WARM) {
                inner.lock();
                inner.unlock();
            }
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < pairs; i++) {
                inner.lock();
                inner.unlock();
            }
            allocated[0] = mx.getThreadAllocatedBytes(tid) - before;
            outer.unlock();
        });
        RunResult r = m.run(Long.MAX_VALUE / 4);
        System.out.println("status " + r.status());
        System.out.println("trace " + m.trace().size());
        System.out.println("allocated " + allocated[0] + " bytes over " + pairs + " pairs");
    }
}
