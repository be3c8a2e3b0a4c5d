package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lockwitness.witness.report.ReportSnapshot;

/**
 * The order graph's edge counts ("seen N times") stay exact behind each thread's memo of the order
 * it last found known ({@link OrderCache#memoHit}): whether the
 * acquisitions are still in a live thread's memo, were flushed when the memo moved on, or belonged
 * to a thread that exited or a machine run that ended.
 */
class OrderCountTest {

    private static Map<String, Integer> counts(Sim sim) {
        return sim.w.state.snapshot().edges().stream().filter(e -> !e.reversal())
                .collect(Collectors.toMap(e -> e.from() + "->" + e.to(), ReportSnapshot.EdgeInfo::count));
    }

    /** Takes {@code second} under {@code first} {@code times} times. */
    private static void nest(Sim sim, WitnessThread t, Sim.Lock first, Sim.Lock second, int times, int site) {
        sim.take(t, first, site);
        for (int i = 0; i < times; i++) {
            sim.take(t, second, site);
            sim.drop(t, second, site);
        }
        sim.drop(t, first, site);
    }

    @Test
    void countsInAMemoAreReported() {
        Sim sim = new Sim();
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        nest(sim, sim.thread("t"), a, b, 7, sim.site("a.c", 1));
        assertEquals(Map.of("A->B", 7), counts(sim));
    }

    @Test
    void countsFlushedWhenTheMemoMovesOnAreKept() {
        Sim sim = new Sim();
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        int site = sim.site("a.c", 1);
        for (int round = 0; round < 3; round++) {
            nest(sim, t, a, b, 5, site);
            nest(sim, t, a, c, 4, site);
            nest(sim, t, b, c, 3, site);
        }
        assertEquals(Map.of("A->B", 15, "A->C", 12, "B->C", 9), counts(sim));
    }

    @Test
    void countsOfGoneThreadsAreKept() {
        Sim sim = new Sim();
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        int site = sim.site("a.c", 1);
        WitnessThread exiting = sim.thread("exiting");
        nest(sim, exiting, a, b, 6, site);
        sim.w.threadExit(exiting, site);
        sim.w.runs().started(1, 1, "random", "DETERMINISTIC", 2);
        nest(sim, sim.thread("in-run"), a, b, 4, site);
        sim.w.runs().ended(1, "COMPLETED", "done", List.of(), 10, 1);
        nest(sim, sim.thread("live"), a, b, 2, site);
        assertEquals(Map.of("A->B", 12), counts(sim));
    }

    @Test
    void resetForgetsTheMemos() {
        Sim sim = new Sim();
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        int site = sim.site("a.c", 1);
        nest(sim, t, a, b, 5, site);
        sim.w.reset();
        nest(sim, t, a, b, 3, site);
        assertEquals(Map.of("A->B", 3), counts(sim));
    }
}
