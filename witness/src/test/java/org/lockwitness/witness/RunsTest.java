package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockwitness.witness.report.ReportSnapshot;

/**
 * Issues 2, 3 and 12: the machine runs, each finding's provenance, KERNEL_PANIC and the panic a
 * finding explains, and thread handles dropped at a run's end.
 */
class RunsTest {

    private final Sim sim = new Sim();
    private final Runs runs = sim.w.runs();

    private void start(int machine, long seed) {
        runs.started(machine, seed, "random", "DETERMINISTIC", 2);
    }

    private void end(int machine, String outcome, String reason) {
        runs.ended(machine, outcome, reason, List.of(), 1000, 5_000_000);
    }

    /** A release of a lock not held: RELEASE_NOT_OWNED at {@code site}. */
    private void releaseNotHeld(WitnessThread t, Sim.Lock l, int site) {
        sim.drop(t, l, site);
    }

    @Test
    void eachFinding_namesTheRunItWasFirstSeenIn_andTheHeaderNamesTheFirstFindingsRun() {
        Sim.Lock a = sim.lock("a", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("b", LockKind.SLEEP_MUTEX);
        runs.schedule("explore", 11L, "pct", "run w --strategy pct --seed 11", 1);
        start(1, 11);
        sim.pair(sim.thread("t1"), a, b);
        end(1, "COMPLETED", "every thread exited");
        runs.schedule("explore", 12L, "pct", "run w --strategy pct --seed 12", 2);
        start(2, 12);
        WitnessThread t2 = sim.thread("t2");
        int site = sim.site("w.c", 5);
        releaseNotHeld(t2, a, site);
        sim.pair(t2, b, a);
        end(2, "COMPLETED", "every thread exited");
        List<Finding> all = sim.findings();
        assertEquals(List.of(Rule.RELEASE_NOT_OWNED, Rule.LOCK_ORDER_REVERSAL), sim.rules());
        for (Finding f : all) {
            assertEquals(new RunRef(2, 12, "random", 2, "run w --strategy pct --seed 12"), f.firstSeen(), f::toString);
        }
        runs.schedule("explore", 13L, "pct", "run w --strategy pct --seed 13", 3);
        start(3, 13);
        releaseNotHeld(sim.thread("t3"), a, site);
        end(3, "COMPLETED", "every thread exited");
        assertEquals(2, sim.findings().get(0).count());
        assertEquals(2, sim.findings().get(0).firstSeen().run(), "the first run it was seen in stays");

        ReportSnapshot s = sim.w.snapshot();
        assertEquals(12L, s.run().seed());
        assertEquals("random", s.run().strategy());
        assertEquals("run w --strategy pct --seed 12", s.run().replay());
        assertEquals(2, s.run().schedule());
        assertEquals(2L, s.run().machineRun());
        assertEquals("explore", s.run().command());
        assertEquals(3, s.runs().total());
        assertEquals(Map.of("COMPLETED", 3L), s.runs().byOutcome());
        assertEquals(List.of(2L, 3L), s.runs().listed().stream().map(ReportSnapshot.MachineRun::index).toList(),
                "completed runs without findings are only counted");
        assertEquals(2, s.runs().listed().get(0).findings());
    }

    @Test
    void aFindingBeforeTheMachineRuns_isTheNextRuns() {
        sim.lock("m", LockKind.SLEEP_MUTEX);
        sim.lock("m", LockKind.SPIN_MUTEX);
        assertNull(sim.only(Rule.KIND_MISMATCH).firstSeen());
        start(7, 42);
        assertEquals(1, sim.only(Rule.KIND_MISMATCH).firstSeen().run());
        assertEquals(42, sim.only(Rule.KIND_MISMATCH).firstSeen().seed());
        assertNull(sim.only(Rule.KIND_MISMATCH).firstSeen().replay(), "the program named no schedule");
    }

    @Test
    void header_withoutFindings_namesTheOnlyRun_orNoneOfSeveral_andNeverAReplay() {
        runs.schedule("prog", 5L, "random", "prog --seed 5", 1);
        start(1, 42);
        end(1, "COMPLETED", "every thread exited");
        ReportSnapshot.Run one = sim.w.snapshot().run();
        assertEquals(42L, one.seed());
        assertEquals("random", one.strategy());
        assertNull(one.replay());
        start(2, 43);
        end(2, "COMPLETED", "every thread exited");
        ReportSnapshot.Run two = sim.w.snapshot().run();
        assertNull(two.seed());
        assertNull(two.strategy());
        assertNull(two.replay());
    }

    @Test
    void notableRuns_areListedUpToTheLimit_andEveryRunIsCountedByOutcome() {
        for (int i = 1; i <= RunLog.LIST_LIMIT + 30; i++) {
            start(i, i);
            end(i, i % 2 == 0 ? "STEP_LIMIT" : "COMPLETED", "");
        }
        start(1000, 1);
        runs.ended(1000, "HUNG", "no thread can run and no timer is pending", List.of("x (tid 1): SLEEPING on \"y\""),
                10, 1_000_000);
        ReportSnapshot.MachineRuns r = sim.w.snapshot().runs();
        assertEquals(RunLog.LIST_LIMIT + 31, r.total());
        assertEquals(Map.of("COMPLETED", 65L, "HUNG", 1L, "STEP_LIMIT", 65L), r.byOutcome());
        assertEquals(66, r.listed().size(), "the STEP_LIMIT runs and the HUNG one");
        assertEquals(0, r.unlisted());
        ReportSnapshot.MachineRun hung = r.listed().get(65);
        assertEquals("HUNG", hung.outcome());
        assertEquals(List.of("x (tid 1): SLEEPING on \"y\""), hung.waiters());
        assertEquals(1, hung.wallMillis());
        for (int i = 0; i < RunLog.LIST_LIMIT; i++) {
            start(2000 + i, i);
            end(2000 + i, "TIMED_OUT", "wall-clock limit");
        }
        r = sim.w.snapshot().runs();
        assertEquals(RunLog.LIST_LIMIT, r.listed().size());
        assertEquals(66, r.unlisted());
    }

    @Test
    void aRunsEnd_dropsItsThreadHandles_andTheSpinLocksItLeftHeld() {
        Sim.Lock chain = sim.lock("turnstile chain", LockKind.SPIN_MUTEX);
        for (int i = 1; i <= 50; i++) {
            start(i, i);
            for (int k = 0; k < 4; k++) {
                sim.thread("idle: cpu" + k);
            }
            WitnessThread t = sim.thread("t");
            sim.takeSpin(t, chain, 0);
            end(i, "HALTED", "panic: stop");
        }
        sim.silent();
        ReportSnapshot.MachineRuns r = sim.w.snapshot().runs();
        assertEquals(0, r.threadHandles());
        assertEquals(5, r.maxThreadHandles());
    }

    @Test
    void aPanicAtTheSiteOfTheThreadsLatestFinding_goesOntoIt() {
        Sim.Lock m = sim.lock("m", LockKind.SLEEP_MUTEX);
        start(1, 1);
        WitnessThread t = sim.thread("t");
        int site = sim.site("w.c", 9);
        releaseNotHeld(t, m, site);
        runs.panicked(t, "mutex m not owned", site);
        end(1, "HALTED", "panic: mutex m not owned");
        Finding f = sim.only(Rule.RELEASE_NOT_OWNED);
        assertEquals("mutex m not owned", f.panic());
        assertEquals("HALTED", sim.w.snapshot().runs().listed().get(0).outcome());
        assertEquals("panic: mutex m not owned", sim.w.snapshot().runs().listed().get(0).reason());
    }

    @Test
    void aPanicNothingExplains_isAKernelPanicWithItsSiteAndStack_andFailCanActOnIt() {
        Sim failing = new Sim(WitnessOptions.builder().policy(Rule.KERNEL_PANIC, Policy.FAIL).build());
        Sim.Lock m = failing.lock("m", LockKind.SLEEP_MUTEX);
        failing.w.runs().started(1, 1, "random", "DETERMINISTIC", 1);
        WitnessThread t = failing.thread("idle: cpu0");
        failing.drop(t, m, failing.site("w.c", 9));
        failing.w.runs().panicked(t, "mtx_lock() by idle thread idle: cpu0 on sleep mutex m", failing.site("w.c", 12));
        assertEquals(List.of(Rule.RELEASE_NOT_OWNED, Rule.KERNEL_PANIC), failing.rules());
        Finding p = failing.findings().get(1);
        assertEquals("panic: mtx_lock() by idle thread idle: cpu0 on sleep mutex m @ w.c:12", p.message());
        assertEquals(List.of("w.c:12"), p.sites());
        assertEquals(Messages.STACK_BACKTRACE, p.stacks().get(0).title());
        assertFalse(p.stacks().get(0).frames().isEmpty());
        assertNull(failing.findings().get(0).panic());
        assertTrue(failing.w.hasFailures());
        assertEquals(1, p.firstSeen().run());
    }

    @Test
    void theRunLog_outlivesAReset() {
        start(1, 1);
        end(1, "STEP_LIMIT", "step limit of 10 scheduling points reached");
        sim.w.reset();
        assertEquals(1, sim.w.snapshot().runs().total());
        assertEquals("STEP_LIMIT", sim.w.snapshot().runs().listed().get(0).outcome());
    }
}
