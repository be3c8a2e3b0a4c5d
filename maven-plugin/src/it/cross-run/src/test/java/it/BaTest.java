package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;

/** One half of a reversal: B then A. */
class BaTest {
    @Test
    void oneOrder() {
        Mtx a = new Mtx("A", Mtx.DEF);
        Mtx b = new Mtx("B", Mtx.DEF);
        Machine m = Machine.builder().cpus(1).seed(1).build();
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.lock();
            a.lock();
            a.unlock();
            b.unlock();
        });
        RunResult r = m.run(100_000);
        assertEquals(RunResult.Status.COMPLETED, r.status());
    }
}
