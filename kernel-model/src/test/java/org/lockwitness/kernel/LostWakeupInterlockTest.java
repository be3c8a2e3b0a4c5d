package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;

import org.junit.jupiter.api.Test;

/** A lost wakeup behind a cv's or msleep's interlock, detected at the end of the run (issue 18, item 3). */
class LostWakeupInterlockTest {

    private static final class Handshake {
        final Mtx mtx = new Mtx("sc_mtx", Mtx.DEF);
        final Cv cv = new Cv("sc_ready");
        boolean ready;
    }

    private static RunResult run(long seed, boolean locked, boolean msleep) {
        Machine m = machine(2, seed).build();
        Handshake h = new Handshake();
        m.spawn("waiter", KThread.PRI_MIN_KERN, () -> {
            h.mtx.lock();
            while (!h.ready) {
                for (int i = 0; i < 5; i++) {
                    Machine.window();
                }
                if (msleep) {
                    Synch.msleep(h.cv, h.mtx, 0, "sc_ready", 0);
                } else {
                    h.cv.wait(h.mtx);
                }
            }
            h.mtx.unlock();
        });
        m.spawn("waker", KThread.PRI_MIN_KERN, () -> {
            if (locked) {
                h.mtx.lock();
            }
            h.ready = true;
            if (msleep) {
                Synch.wakeup(h.cv);
            } else {
                h.cv.signal();
            }
            if (locked) {
                h.mtx.unlock();
            }
        });
        return m.run(Programs.LIMIT);
    }

    @Test
    void aSignalWithoutTheMutexBetweenTheCheckAndTheWait_isALostWakeup_forCvAndMsleep() {
        for (boolean msleep : new boolean[] {false, true}) {
            int lost = 0;
            for (long seed = 1; seed <= 30; seed++) {
                RunResult r = run(seed, false, msleep);
                if (r.status() == RunResult.Status.HUNG) {
                    lost++;
                    assertEquals(1, r.detections().size(), r::toString);
                    assertTrue(r.detections().get(0).startsWith("lost wakeup: waiter sleeps on sc_ready whose wakeup by"
                            + " waker"), r.detections()::toString);
                } else {
                    assertEquals(RunResult.Status.COMPLETED, r.status(), r::toString);
                    assertEquals(0, r.detections().size(), r::toString);
                }
            }
            assertTrue(lost > 0, "some schedule loses the wakeup (msleep " + msleep + ")");
        }
    }

    @Test
    void aSignalUnderTheMutex_isNeverLost() {
        for (long seed = 1; seed <= 30; seed++) {
            RunResult r = run(seed, true, false);
            assertEquals(RunResult.Status.COMPLETED, r.status(), r::toString);
            assertEquals(0, r.detections().size(), r::toString);
        }
    }
}
