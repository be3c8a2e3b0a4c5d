package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void threads_run_and_complete() {
        Machine m = Machine.builder().cpus(2).seed(1).build();
        AtomicInteger n = new AtomicInteger();
        Mtx mtx = new Mtx("test", Mtx.DEF);
        for (int i = 0; i < 4; i++) {
            m.spawn("t" + i, KThread.PRI_MIN_KERN, () -> {
                for (int j = 0; j < 100; j++) {
                    mtx.lock();
                    n.incrementAndGet();
                    Machine.window();
                    mtx.unlock();
                }
            });
        }
        RunResult r = m.run(1_000_000);
        System.out.println(r);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertEquals(400, n.get());
    }
}
