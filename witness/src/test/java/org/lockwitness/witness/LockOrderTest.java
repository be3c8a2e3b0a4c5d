package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lockwitness.witness.report.ReportSnapshot;
import org.lockwitness.witnesstest.Caller;

/** The order graph with FreeBSD's semantics (issue 5): reversals, trylocks, Giant, duplicates. */
class LockOrderTest {
    private final Sim sim = new Sim();

    @Test
    void abba_isReportedOnceWithBothSitesAndBothStacks() {
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        WitnessThread t1 = sim.thread("t1");
        WitnessThread t2 = sim.thread("t2");
        sim.take(t1, a, sim.site("one.c", 10));
        Caller.run(() -> sim.take(t1, b, sim.site("one.c", 11)));
        sim.drop(t1, b, 0);
        sim.drop(t1, a, 0);
        sim.silent();

        sim.take(t2, b, sim.site("two.c", 20));
        Caller.run(() -> sim.take(t2, a, sim.site("two.c", 21)));
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("B", "A"), f.locks());
        assertEquals(List.of("two.c:21", "two.c:20", "one.c:11"), f.sites());
        assertEquals(List.of("t2"), f.threads());
        assertEquals(1, f.count());
        assertEquals(List.of("lock order reversal:",
                " 1st 0x" + Long.toHexString(b.instance) + " B (B, sleep mutex) @ two.c:20",
                " 2nd 0x" + Long.toHexString(a.instance) + " A (A, sleep mutex) @ two.c:21"),
                List.of(f.message().split("\n")));
        assertEquals("lock order A -> B established at:", f.stacks().get(0).title());
        assertEquals("lock order B -> A attempted at:", f.stacks().get(1).title());
        assertTrue(f.stacks().get(0).frames().get(0).startsWith("org.lockwitness.witnesstest.Caller.run("),
                f.stacks().get(0).frames().get(0));
        assertTrue(f.stacks().get(1).frames().get(0).startsWith("org.lockwitness.witnesstest.Caller.run("),
                f.stacks().get(1).frames().get(0));

        // each pair is reported once, even from another thread and site
        sim.drop(t2, a, 0);
        sim.drop(t2, b, 0);
        sim.take(t1, b, sim.site("three.c", 30));
        sim.take(t1, a, sim.site("three.c", 31));
        assertEquals(1, sim.findings().size());
        assertEquals(1, sim.findings().get(0).count());
    }

    @Test
    void fourClassCycle_fromTwoLockAcquisitions_isReportedWholeWithEveryEdgeSite() {
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        Sim.Lock d = sim.lock("D", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        Sim.Lock[][] pairs = {{a, b}, {b, c}, {c, d}};
        int line = 1;
        for (Sim.Lock[] p : pairs) {
            sim.take(t, p[0], sim.site("pairs.c", line++));
            sim.take(t, p[1], sim.site("pairs.c", line++));
            sim.drop(t, p[1], 0);
            sim.drop(t, p[0], 0);
        }
        sim.silent();
        sim.take(t, d, sim.site("close.c", 1));
        sim.take(t, a, sim.site("close.c", 2));
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("D", "A", "B", "C"), f.locks());
        assertEquals(List.of("close.c:2", "close.c:1", "pairs.c:2", "pairs.c:4", "pairs.c:6"), f.sites());
        assertEquals(List.of("lock order A -> B established at:", "lock order B -> C established at:",
                "lock order C -> D established at:", "lock order D -> A attempted at:"),
                f.stacks().stream().map(Backtrace::title).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void holdA_trylockB_takeC_thenAWhileHoldingC_isSilentAsInFreeBSD() {
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, a, 0);
        sim.tryTake(t, b, 0);
        sim.take(t, c, 0);
        sim.drop(t, c, 0);
        sim.drop(t, b, 0);
        sim.drop(t, a, 0);
        sim.take(t, c, 0);
        sim.take(t, a, 0);
        sim.silent();
        List<String> edges = edges(sim.w.snapshot());
        assertTrue(edges.contains("B->C") && edges.contains("C->A") && !edges.contains("A->B"), edges.toString());
    }

    @Test
    void cycleClosedOnlyByTryAcquire_isSilent() {
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.pair(t, a, b);
        sim.take(t, b, 0);
        sim.tryTake(t, a, 0);
        sim.silent();
        assertEquals(List.of("A->B"), edges(sim.w.snapshot()));
    }

    @Test
    void giantAfterNonSleepable_isReportedWithFreeBSDReason() {
        Sim.Lock m = sim.lock("proc lock", LockKind.SLEEP_MUTEX);
        Sim.Lock giant = sim.lock("Giant", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, m, sim.site("p.c", 1));
        sim.take(t, giant, sim.site("p.c", 2));
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("proc lock", "Giant"), f.locks());
        assertTrue(f.message().startsWith("lock order reversal: (Giant after non-sleepable)\n"), f.message());
        assertEquals(List.of("p.c:2", "p.c:1"), f.sites());
    }

    @Test
    void sleepableAfterGiant_andGiantAfterSleepable_areSilentAndNoGiantToSleepableEdge() {
        Sim.Lock giant = sim.lock("Giant", LockKind.SLEEP_MUTEX);
        Sim.Lock sx = sim.lock("allproc", LockKind.SX);
        WitnessThread t = sim.thread("t");
        sim.pair(t, giant, sx);
        sim.take(t, sx, 0);
        sim.take(t, giant, 0);
        sim.silent();
        assertEquals(List.of("allproc->Giant"), edges(sim.w.snapshot()));
    }

    @Test
    void sleepableAfterNonSleepable_isAlwaysAReversal() {
        Sim.Lock m = sim.lock("pipe mutex", LockKind.SLEEP_MUTEX);
        Sim.Lock sx = sim.lock("proctree", LockKind.SX);
        WitnessThread t = sim.thread("t");
        sim.take(t, m, 0);
        sim.take(t, sx, 0);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertTrue(f.message().startsWith("lock order reversal: (sleepable after non-sleepable)"), f.message());
        assertEquals(List.of("pipe mutex", "proctree"), f.locks());
    }

    @Test
    void duplicateType_isReportedOnceWithBothSites() {
        Sim.Lock v1 = sim.lock("vnode interlock", LockKind.SLEEP_MUTEX);
        Sim.Lock v2 = sim.lock("vnode interlock", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, v1, sim.site("vfs.c", 1));
        sim.take(t, v2, sim.site("vfs.c", 2));
        Finding f = sim.only(Rule.DUPLICATE_LOCK_TYPE);
        assertEquals(List.of("vnode interlock"), f.locks());
        assertEquals(List.of("vfs.c:1", "vfs.c:2"), f.sites());
        assertEquals("acquiring duplicate lock of same type: \"vnode interlock\"\n 1st vnode interlock @ vfs.c:1\n"
                + " 2nd vnode interlock @ vfs.c:2", f.message());
        sim.drop(t, v2, 0);
        sim.take(t, v2, sim.site("vfs.c", 3));
        assertEquals(1, sim.findings().size());
    }

    @Test
    void duplicateType_withDupok_isSilent() {
        Sim.Lock v1 = sim.lock("bufobj", LockKind.SLEEP_MUTEX, LockFlags.DUPOK);
        Sim.Lock v2 = sim.lock("bufobj", LockKind.SLEEP_MUTEX, LockFlags.DUPOK);
        WitnessThread t = sim.thread("t");
        sim.take(t, v1, 0);
        sim.take(t, v2, 0);
        Sim.Lock p1 = sim.lock("pcpu", LockKind.SLEEP_MUTEX);
        Sim.Lock p2 = sim.lock("pcpu", LockKind.SLEEP_MUTEX);
        sim.take(t, p1, 0);
        sim.take(t, p2, 0, OpFlags.DUPOK);
        sim.silent();
    }

    @Test
    void duplicateType_throughTrylock_isSilent() {
        Sim.Lock v1 = sim.lock("vnode", LockKind.SLEEP_MUTEX);
        Sim.Lock v2 = sim.lock("vnode", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, v1, 0);
        sim.tryTake(t, v2, 0);
        sim.silent();
    }

    @Test
    void spinAndSleepTrees_areSeparate() {
        Sim.Lock spin = sim.lock("sched lock", LockKind.SPIN_MUTEX);
        Sim.Lock sleep = sim.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, sleep, 0);
        sim.takeSpin(t, spin, 0);
        sim.dropSpin(t, spin, 0);
        sim.drop(t, sleep, 0);
        sim.silent();
        assertEquals(List.of(), edges(sim.w.snapshot()), "a sleep lock and a spin lock are never ordered");
    }

    @Test
    void spinReversal_onOneCpu_isReported() {
        Sim.Lock x = sim.lock("turnstile chain", LockKind.SPIN_MUTEX);
        Sim.Lock y = sim.lock("rm_spinlock", LockKind.SPIN_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.takeSpin(t, y, sim.site("rm.c", 1));
        sim.takeSpin(t, x, sim.site("rm.c", 2));
        sim.dropSpin(t, x, 0);
        sim.dropSpin(t, y, 0);
        sim.takeSpin(t, x, sim.site("ts.c", 1));
        sim.takeSpin(t, y, sim.site("ts.c", 2));
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("turnstile chain", "rm_spinlock"), f.locks());
        assertTrue(f.message().contains("(rm_spinlock, spin mutex) @ ts.c:2"), f.message());
    }

    @Test
    void interlock_isSkippedWhenChoosingPlock() {
        Sim.Lock ilk = sim.lock("lockmgr ilk", LockKind.SLEEP_MUTEX);
        Sim.Lock vn = sim.lock("vnode lock", LockKind.SLEEP_MUTEX);
        Sim.Lock other = sim.lock("other", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, other, 0);
        sim.take(t, ilk, 0);
        sim.w.checkOrder(t, vn.id, vn.instance, 0, 0, ilk.instance);
        sim.w.acquired(t, vn.id, vn.instance, 0, 0);
        List<String> edges = edges(sim.w.snapshot());
        assertTrue(edges.contains("other->vnode lock") && !edges.contains("lockmgr ilk->vnode lock"), edges.toString());
    }

    static List<String> edges(ReportSnapshot s) {
        return s.edges().stream().filter(e -> !e.reversal()).map(e -> e.from() + "->" + e.to())
                .sorted().collect(java.util.stream.Collectors.toList());
    }
}
