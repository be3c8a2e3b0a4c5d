package org.lockwitness.benchmarks.agent;

import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Sx;

/**
 * A small model program for {@link ModelStartupBenchmark}: two kernel threads on two CPUs take a
 * sleep mutex and then an sx lock, in one order, a hundred times each. It touches the model's
 * common classes (machine, scheduler, mutex, sx lock, turnstiles and sleep queues), as a guide
 * example or a test program does, and ends with exit status 0 when the run completes.
 */
public final class SmallModelMain {

    private SmallModelMain() {
    }

    public static void main(String[] args) {
        Machine m = Machine.builder().cpus(2).seed(1).build();
        Mtx mtx = new Mtx("bench mtx", Mtx.DEF);
        Sx sx = new Sx("bench sx", 0);
        for (String name : new String[] {"first", "second"}) {
            m.spawn(name, KThread.PRI_MIN_KERN, () -> {
                for (int i = 0; i < 100; i++) {
                    mtx.lock();
                    sx.xlock();
                    sx.xunlock();
                    mtx.unlock();
                }
            });
        }
        RunResult r = m.run(1_000_000L);
        if (r.status() != RunResult.Status.COMPLETED) {
            throw new IllegalStateException(r.toString());
        }
    }
}
