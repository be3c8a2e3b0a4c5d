package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lockwitness.witnesstest.Caller;

/** Rules about the state of one lock, machine events, policies and faults (issue 5). */
class LockStateRulesTest {
    private final Sim sim = new Sim();

    @Test
    void recursionOnNonRecursiveMutex_isReported_recursableIsSilent() {
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        Sim.Lock r = sim.lock("vm page", LockKind.SLEEP_MUTEX, LockFlags.RECURSE);
        WitnessThread t = sim.thread("t");
        sim.pair(t, r, r);
        sim.silent();
        sim.take(t, m, sim.site("p.c", 1));
        sim.take(t, m, sim.site("p.c", 2));
        Finding f = sim.only(Rule.RECURSION);
        assertEquals("_mtx_lock_sleep: recursed on non-recursive mutex proc @ p.c:2", f.message());
        assertEquals(List.of("proc"), f.locks());
        assertEquals(List.of("p.c:2"), f.sites());
    }

    @Test
    void recursionInConflictingMode_usesWitnessMessages() {
        Sim.Lock rw = sim.lock("pf rules", LockKind.RW);
        WitnessThread t = sim.thread("t");
        sim.take(t, rw, sim.site("pf.c", 1), OpFlags.SHARED);
        sim.take(t, rw, sim.site("pf.c", 2));
        Finding f = sim.only(Rule.RECURSION);
        assertEquals("exclusive lock of (rw) pf rules @ pf.c:2\nwhile share locked from pf.c:1", f.message());
    }

    @Test
    void sharedRecursionOfReadLock_isSilent() {
        Sim.Lock rw = sim.lock("pf rules", LockKind.RW);
        WitnessThread t = sim.thread("t");
        sim.take(t, rw, 0, OpFlags.SHARED);
        sim.take(t, rw, 0, OpFlags.SHARED);
        sim.drop(t, rw, 0, OpFlags.SHARED);
        sim.drop(t, rw, 0, OpFlags.SHARED);
        sim.silent();
    }

    @Test
    void upgradeAndDowngrade_followWitnessRules() {
        Sim.Lock sx = sim.lock("allproc", LockKind.SX);
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, sx, 0, OpFlags.SHARED);
        sim.w.upgrade(t, sx.id, sx.instance, 0);
        sim.w.downgrade(t, sx.id, sx.instance, 0);
        sim.drop(t, sx, 0, OpFlags.SHARED);
        sim.silent();
        sim.w.upgrade(t, sx.id, sx.instance, sim.site("u.c", 1));
        sim.take(t, m, 0);
        sim.w.upgrade(t, m.id, m.instance, sim.site("u.c", 2));
        sim.drop(t, m, 0);
        sim.take(t, sx, 0);
        sim.w.upgrade(t, sx.id, sx.instance, sim.site("u.c", 3));
        List<String> messages = new ArrayList<>();
        for (Finding f : sim.findings()) {
            assertEquals(Rule.BAD_UPGRADE, f.rule());
            messages.add(f.message());
        }
        assertEquals(List.of("upgrade of unlocked lock (sx) allproc @ u.c:1",
                "upgrade of non-upgradable lock (sleep mutex) proc @ u.c:2",
                "upgrade of exclusive lock (sx) allproc @ u.c:3"), messages);
    }

    @Test
    void releaseNotOwned_andInTheWrongMode() {
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        Sim.Lock rw = sim.lock("ifaddr", LockKind.RW);
        WitnessThread t = sim.thread("t");
        sim.drop(t, m, sim.site("r.c", 1));
        sim.take(t, rw, sim.site("r.c", 2));
        sim.drop(t, rw, sim.site("r.c", 3), OpFlags.SHARED);
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertEquals(Rule.RELEASE_NOT_OWNED, all.get(0).rule());
        assertEquals("lock (sleep mutex) proc not locked @ r.c:1", all.get(0).message());
        assertEquals("shared unlock of (rw) ifaddr @ r.c:3\nwhile exclusively locked from r.c:2", all.get(1).message());
        assertEquals(List.of("ifaddr"), all.get(1).locks());
    }

    @Test
    void heldAtExit_andDestroyHeld() {
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        Sim.Lock d = sim.lock("doomed", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("worker");
        WitnessThread other = sim.thread("reaper");
        sim.take(t, d, sim.site("d.c", 1));
        sim.w.destroy(other, d.id, d.instance, sim.site("d.c", 2));
        sim.drop(t, d, 0);
        sim.take(t, m, sim.site("e.c", 1));
        sim.w.threadExit(t, sim.site("e.c", 2));
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertEquals(Rule.DESTROY_HELD, all.get(0).rule());
        assertEquals("lock (sleep mutex) doomed destroyed while held by thread worker @ d.c:2", all.get(0).message());
        assertEquals(Rule.HELD_AT_EXIT, all.get(1).rule());
        assertEquals(List.of("proc"), all.get(1).locks());
        assertTrue(all.get(1).message().startsWith("Thread worker (tid 1) exiting with the following locks held:\n"
                + "exclusive sleep mutex proc r = 0"), all.get(1).message());
    }

    @Test
    void kindMismatch_spinOpOnSleepLock_sleepOpOnSpinLock_andReEnrollWithAnotherKind() {
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        Sim.Lock s = sim.lock("sched lock", LockKind.SPIN_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.w.checkOrder(t, m.id, m.instance, sim.site("k.c", 1), OpFlags.SPIN_OP, 0);
        sim.w.checkOrder(t, s.id, s.instance, sim.site("k.c", 2), 0, 0);
        assertEquals(Witness.UNTRACKED, sim.w.enroll("proc", LockKind.SX, 0));
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertEquals("mtx_lock_spin() of sleep mutex proc @ k.c:1", all.get(0).message());
        assertEquals(2, all.get(0).count(), "the re-enroll has the same key, the class");
        assertEquals("mtx_lock() of spin mutex sched lock @ k.c:2", all.get(1).message());
        Sim fresh = new Sim();
        fresh.lock("proc", LockKind.SLEEP_MUTEX);
        assertEquals(Witness.UNTRACKED, fresh.w.enroll("proc", LockKind.SX, 0));
        assertEquals("lock (sx) proc does not match earlier (sleep mutex) lock",
                fresh.only(Rule.KIND_MISMATCH).message());
        assertTrue(all.stream().allMatch(f -> f.rule() == Rule.KIND_MISMATCH));
    }

    @Test
    void assertions_areCheckedAgainstTheWitnessState() {
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        Sim.Lock sx = sim.lock("allproc", LockKind.SX);
        WitnessThread t = sim.thread("t");
        int site = sim.site("a.c", 1);
        sim.w.assertLock(t, m.id, m.instance, LockAssert.UNLOCKED, site);
        sim.take(t, sx, 0, OpFlags.SHARED);
        sim.take(t, m, 0);
        sim.w.assertLock(t, m.id, m.instance, LockAssert.XLOCKED | LockAssert.NOTRECURSED, site);
        sim.w.assertLock(t, sx.id, sx.instance, LockAssert.SLOCKED, site);
        sim.silent();
        sim.w.assertLock(t, sx.id, sx.instance, LockAssert.XLOCKED, sim.site("a.c", 2));
        sim.w.assertLock(t, m.id, m.instance, LockAssert.UNLOCKED, sim.site("a.c", 3));
        sim.w.assertLock(t, m.id, m.instance, LockAssert.RECURSED | LockAssert.XLOCKED, sim.site("a.c", 4));
        sim.w.assertLock(t, m.id, m.instance, LockAssert.LOCKED | LockAssert.XLOCKED, sim.site("a.c", 5));
        List<String> messages = new ArrayList<>();
        sim.findings().forEach(f -> {
            assertEquals(Rule.ASSERTION_FAILED, f.rule());
            messages.add(f.message());
        });
        assertEquals(List.of("Lock (sx) allproc not exclusively locked @ a.c:2.", "Lock (sleep mutex) proc locked @ a.c:3.",
                "Lock (sleep mutex) proc not recursed @ a.c:4.", "Invalid lock assertion at a.c:5."), messages);
    }

    @Test
    void deadlockAndLostWakeup_fromTheModel() {
        sim.w.deadlock(List.of("A", "B"), List.of("t1", "t2"));
        sim.w.deadlock(List.of("B", "A"), List.of("t2", "t1"));
        sim.w.lostWakeup("bufwait", "t3", "t4", sim.site("vfs_bio.c", 9));
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertEquals(Rule.DEADLOCK, all.get(0).rule());
        assertEquals(2, all.get(0).count(), "same lock set, same key");
        assertEquals(List.of("t1", "t2"), all.get(0).threads());
        assertEquals("deadlock: cycle of waiters:\n thread t1 waits for \"A\" held by thread t2\n"
                + " thread t2 waits for \"B\" held by thread t1", all.get(0).message());
        assertEquals(Rule.LOST_WAKEUP, all.get(1).rule());
        assertEquals(List.of("vfs_bio.c:9"), all.get(1).sites());
        assertEquals(List.of("t3", "t4"), all.get(1).threads());
        assertTrue(all.get(1).message().contains("whose wakeup by thread t4"), all.get(1).message());
    }

    @Test
    void policies_failAndPanic_panicHandlerRunsAfterRecording() {
        List<Finding> panics = new ArrayList<>();
        Sim[] holder = new Sim[1];
        Sim s = new Sim(WitnessOptions.builder().policy(Rule.DUPLICATE_LOCK_TYPE, Policy.FAIL)
                .policy(Rule.RECURSION, Policy.PANIC)
                .panicHandler(f -> {
                    assertEquals(1, holder[0].findings().size(), "recorded before the handler runs");
                    panics.add(f);
                }).build());
        holder[0] = s;
        Sim.Lock m = s.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t = s.thread("t");
        assertFalse(s.w.hasFailures());
        s.take(t, m, 0);
        s.take(t, m, 0);
        assertEquals(1, panics.size());
        assertEquals(Rule.RECURSION, panics.get(0).rule());
        assertEquals(Policy.PANIC, panics.get(0).policy());
        assertTrue(s.w.hasFailures());
    }

    @Test
    void faults_becomeFindings_andPanicHandlerExceptionsDoNotEscape() {
        Sim s = new Sim(WitnessOptions.builder().policy(Rule.RECURSION, Policy.PANIC)
                .panicHandler(f -> {
                    throw new IllegalStateException("machine already halted");
                }).build());
        Sim.Lock m = s.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t = s.thread("t");
        s.take(t, m, 0);
        s.take(t, m, 0);
        s.w.fault(new IllegalArgumentException("probe"), "agent advice");
        List<Rule> rules = s.rules();
        assertEquals(List.of(Rule.RECURSION, Rule.CHECKER_FAULT, Rule.CHECKER_FAULT), rules);
        Finding f = s.findings().get(1);
        assertEquals("witness fault in panic handler: java.lang.IllegalStateException: machine already halted",
                f.message());
        assertEquals("exception:", f.stacks().get(0).title());
    }

    @Test
    void untrackedLocks_andUnknownSites() {
        int id = sim.w.enroll("witness lock", LockKind.SPIN_MUTEX, LockFlags.NOWITNESS);
        assertEquals(Witness.UNTRACKED, id);
        WitnessThread t = sim.thread("t");
        sim.w.checkOrder(t, id, 1, 0, 0, 0);
        sim.w.release(t, id, 1, 0, 0);
        sim.silent();
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        Caller.run(() -> sim.drop(t, m, 0));
        assertTrue(sim.only(Rule.RELEASE_NOT_OWNED).sites().get(0).startsWith("Caller.java:"),
                sim.findings().toString());
    }

    @Test
    void reset_forgetsOrdersFindingsAndHeldLocks_keepsIds() {
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.pair(t, a, b);
        sim.take(t, b, 0);
        sim.take(t, a, 0);
        assertEquals(1, sim.findings().size());
        sim.w.reset();
        sim.silent();
        sim.take(t, b, 0);
        sim.take(t, a, 0);
        sim.silent();
        assertEquals(List.of("B->A"), LockOrderTest.edges(sim.w.snapshot()));
    }
}
