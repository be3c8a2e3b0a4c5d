package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Two CPUs spinning on each other's spin mutexes: a deadlock as soon as it forms (issue 18, item 4). */
class SpinDeadlockTest {

    static void spinAbba(Machine m, Mtx a, Mtx b) {
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lockSpin();
            for (int i = 0; i < 20; i++) {
                Machine.window();
            }
            b.lockSpin();
            b.unlockSpin();
            a.unlockSpin();
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.lockSpin();
            for (int i = 0; i < 20; i++) {
                Machine.window();
            }
            a.lockSpin();
            a.unlockSpin();
            b.unlockSpin();
        });
    }

    @Test
    void twoCpusSpinningOnEachOthersSpinMutexes_hangAtOnceWithTheCycleNamed() {
        Machine m = machine(2, 1).build();
        spinAbba(m, new Mtx("spin a", Mtx.SPIN), new Mtx("spin b", Mtx.SPIN));
        RunResult r = m.run(Programs.LIMIT);
        assertEquals(RunResult.Status.HUNG, r.status(), r::toString);
        assertTrue(r.reason().startsWith("spin mutexes held in a cycle"), r::reason);
        assertTrue(r.steps() < 1_000, "seen as the cycle closed, not after the spin bound: " + r.steps());
        assertEquals(1, r.detections().size(), r.detections()::toString);
        String d = r.detections().get(0);
        assertTrue(d.contains("waits for \"spin a\"") && d.contains("waits for \"spin b\""), d);
    }

    @Test
    void aSpinnerWhoseOwnerMakesProgress_isNoDeadlock() {
        for (long seed = 1; seed <= 20; seed++) {
            Machine m = machine(2, seed).build();
            Mtx a = new Mtx("spin a", Mtx.SPIN);
            Mtx b = new Mtx("spin b", Mtx.SPIN);
            for (String name : List.of("x", "y")) {
                m.spawn(name, KThread.PRI_MIN_KERN, () -> {
                    for (int i = 0; i < 20; i++) {
                        a.lockSpin();
                        b.lockSpin();
                        b.unlockSpin();
                        a.unlockSpin();
                    }
                });
            }
            Programs.runToCompletion(m);
        }
    }
}
