package org.lockwitness.testprograms;

import java.lang.management.ManagementFactory;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;

/**
 * A sleep {@code Mtx} lock/unlock pair in a loop, inside an outer {@code Mtx} (a known order), on the
 * one kernel thread of a one-CPU DETERMINISTIC machine; prints the bytes the kernel thread allocated
 * in each of {@link #WINDOWS} windows of {@code pairs} pairs after a warm-up, by
 * {@code com.sun.management.ThreadMXBean}.
 *
 * <p>The warm-up runs until the machine's decision trace has grown past 4,096 decisions: the trace
 * records every interrupt taken (a hardclock per tick) and doubles its array when full, the one
 * allocation of the run that grows with its length (a log of it, amortised). Past 4,096 it has room
 * for 8,192, and the program prints the trace's size after the last window, so the test can check
 * that the windows stayed within that room.
 *
 * <p>Why several windows: the JVM itself may charge bytes to this thread while its code is still being
 * compiled. When a thread asks for a method's C2 compilation, HotSpot's compile broker first resolves
 * the string constants of the method's class on that thread (interned {@code String}s, for message
 * texts the run never used) and loads the classes of the method's signature (a model class the run
 * never used, such as {@code InterruptSource}, which the agent then transforms: about 900 KB). On a
 * loaded machine the compiler's thresholds rise with its queue, those requests come late, and a window
 * may see one (JFR's allocation events showed both, with the requesting frames); an allocation of the
 * probes or the witness would show in every window. Usage: {@code MtxLoop pairs}.
 */
public final class MtxLoop {

    /** Decisions after which the trace's array holds 8,192 and will not grow before the last window ends. */
    private static final int TRACE_WARM = 4_200;
    /** The measured windows, each of {@code pairs} pairs. */
    public static final int WINDOWS = 5;

    private MtxLoop() {
    }

    public static void main(String[] args) {
        int pairs = Integer.parseInt(args[0]);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx outer = new Mtx("loop outer", Mtx.DEF);
        Mtx inner = new Mtx("loop inner", Mtx.DEF);
        long[] allocated = new long[WINDOWS];
        m.spawn("locker", KThread.PRI_MIN_KERN, () -> {
            outer.lock();
            while (m.trace().size() < TRACE_WARM) {
                inner.lock();
                inner.unlock();
            }
            long tid = Thread.currentThread().getId();
            for (int w = 0; w < WINDOWS; w++) {
                long before = mx.getThreadAllocatedBytes(tid);
                for (int i = 0; i < pairs; i++) {
                    inner.lock();
                    inner.unlock();
                }
                allocated[w] = mx.getThreadAllocatedBytes(tid) - before;
            }
            outer.unlock();
        });
        RunResult r = m.run(Long.MAX_VALUE / 4);
        System.out.println("status " + r.status());
        System.out.println("trace " + m.trace().size());
        for (int w = 0; w < WINDOWS; w++) {
            System.out.println("window " + (w + 1) + ": allocated " + allocated[w] + " bytes over " + pairs + " pairs");
        }
    }
}
