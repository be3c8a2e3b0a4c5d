package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The same seed gives the same decision trace; different seeds differ. */
class DeterminismTest {

    /** Contended mutexes, spin mutexes, sleeps, wakeups, timeouts, a device interrupt and a rendezvous. */
    static RunResult program(long seed) {
        Machine m = machine(3, seed).build();
        Mtx sleep = new Mtx("shared", Mtx.DEF);
        Mtx spin = new Mtx("spin", Mtx.SPIN);
        Object ident = new Object();
        int[] work = new int[1];
        InterruptSource irq = m.interruptSource("nic", 1, KThread.PI_NET);
        irq.addHandler("nic", () -> Filter.FILTER_SCHEDULE_THREAD, () -> {
            spin.lockSpin();
            work[0]++;
            spin.unlockSpin();
        }, InterruptSource.INTR_MPSAFE);
        for (int t = 0; t < 5; t++) {
            int id = t;
            m.spawn("worker" + t, KThread.PRI_MIN_KERN + t, () -> {
                for (int i = 0; i < 40; i++) {
                    sleep.lock();
                    work[0]++;
                    Machine.window();
                    sleep.unlock();
                    if (i % 10 == id) {
                        irq.raise();
                        Synch.tsleep(ident, 0, "nap", 2);
                    }
                    if (i % 13 == 0) {
                        Synch.wakeupOne(ident);
                    }
                    if (id == 0 && i == 20) {
                        Smp.rendezvous(null, () -> {
                            spin.lockSpin();
                            spin.unlockSpin();
                        }, null);
                    }
                }
            });
        }
        return runToCompletion(m);
    }

    @Test
    void same_seed_same_trace_and_different_seeds_different_traces() {
        RunResult a = program(42);
        RunResult b = program(42);
        assertEquals(a.trace(), b.trace());
        assertEquals(a.steps(), b.steps());
        assertTrue(a.trace().count("takes irq0") > 0, "the device interrupt was taken");
        assertTrue(a.trace().count("IPI_RENDEZVOUS") > 0, "the rendezvous IPI was taken");
        RunResult c = program(43);
        assertNotEquals(a.trace(), c.trace());
    }

    @Test
    void twenty_runs_of_one_seed_give_one_trace() {
        Set<Long> hashes = new HashSet<>();
        RunResult first = program(2026);
        for (int i = 0; i < 20; i++) {
            RunResult r = program(2026);
            assertEquals(first.trace(), r.trace(), "run " + i);
            hashes.add(r.trace().hash());
        }
        assertEquals(1, hashes.size());
        assertTrue(first.trace().size() > 50, first.trace().toString());
    }
}
