package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A cycle of CPUs spinning on each other's spin mutexes, as the machine reports it (issue 18, item 4). */
class SpinDeadlockTest {
    private final Sim sim = new Sim();

    @Test
    void spinnersBelowTheBound_thenTheMachinesCycle_isOneDeadlock_andNoSpinHeldTooLong() {
        Sim.Lock a = sim.lock("spin a", LockKind.SPIN_MUTEX);
        Sim.Lock b = sim.lock("spin b", LockKind.SPIN_MUTEX);
        WitnessThread ab = sim.thread("ab");
        WitnessThread ba = sim.thread("ba");
        ba.at(1, 0, false, true, 0, false, false, false, 0);
        sim.takeSpin(ab, a, sim.site("s.c", 1));
        sim.takeSpin(ba, b, sim.site("s.c", 2));
        for (long spun = 1; spun <= 3; spun++) {
            sim.w.spinWait(ab, b.id, b.instance, sim.site("s.c", 3), spun);
            sim.w.spinWait(ba, a.id, a.instance, sim.site("s.c", 4), spun);
        }
        sim.silent();
        sim.w.deadlock(List.of("spin b", "spin a"), List.of("ab", "ba"));
        Finding f = sim.only(Rule.DEADLOCK);
        assertEquals(List.of("spin b", "spin a"), f.locks());
        assertEquals(List.of("ab", "ba"), f.threads());
    }
}
