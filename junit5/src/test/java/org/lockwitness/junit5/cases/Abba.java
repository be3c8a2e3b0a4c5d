package org.lockwitness.junit5.cases;

import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;

/**
 * ABBA across two kernel threads on one CPU (they run one after the other and never deadlock), or,
 * clean, the same two threads in one order.
 */
final class Abba {

    private Abba() {
    }

    /** A then B on one thread, B then A on the other when {@code reversed}, else A then B again. */
    static RunResult run(String first, String second, boolean reversed) {
        Mtx a = new Mtx(first, Mtx.DEF);
        Mtx b = new Mtx(second, Mtx.DEF);
        Machine m = Machine.builder().cpus(1).seed(1).build();
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lock();
            b.lock(); // SITE:AB
            b.unlock();
            a.unlock();
        });
        Mtx x = reversed ? b : a;
        Mtx y = reversed ? a : b;
        m.spawn(reversed ? "ba" : "ab2", KThread.PRI_MIN_KERN, () -> {
            x.lock();
            y.lock(); // SITE:SECOND
            y.unlock();
            x.unlock();
        });
        return m.run(100_000);
    }
}
