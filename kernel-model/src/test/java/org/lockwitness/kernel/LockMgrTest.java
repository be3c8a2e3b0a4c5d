package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LockMgrTest {

    private static final long STEPS = 5_000_000;
    private static final int SHARED = LockMgr.LK_SHARED;
    private static final int EXCLUSIVE = LockMgr.LK_EXCLUSIVE;
    private static final int RELEASE = LockMgr.LK_RELEASE;
    private static final int NOWAIT = LockMgr.LK_NOWAIT;

    private static void spinUntil(BooleanSupplier condition) {
        SharedLockScenarios.spinUntil(condition);
    }

    private static void assertCompleted(RunResult r) {
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void upgrade_waits_for_the_other_sharers_and_goes_before_new_ones(long seed) {
        Machine m = Machine.builder().cpus(3).seed(seed).build();
        LockMgr lk = new LockMgr("test lockmgr", 0);
        AtomicInteger sharers = new AtomicInteger();
        AtomicInteger statusAfterUpgrade = new AtomicInteger();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        KThread[] t = new KThread[3];
        t[0] = m.spawn("upgrader", KThread.PRI_MIN_KERN, () -> {
            assertEquals(0, lk.lock(SHARED));
            sharers.incrementAndGet();
            spinUntil(() -> sharers.get() == 2);
            assertEquals(0, lk.lock(LockMgr.LK_UPGRADE));
            statusAfterUpgrade.set(lk.lockstatus());
            order.add("upgraded");
            lk.lock(RELEASE);
        }).bindTo(0);
        t[1] = m.spawn("other sharer", KThread.PRI_MIN_KERN, () -> {
            assertEquals(0, lk.lock(SHARED));
            sharers.incrementAndGet();
            spinUntil(() -> t[0].state() == KThread.State.SLEEPING && t[2].state() == KThread.State.SLEEPING);
            order.add("other sharer out");
            lk.lock(RELEASE);
        }).bindTo(1);
        t[2] = m.spawn("late sharer", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> t[0].state() == KThread.State.SLEEPING);
            assertEquals(0, lk.lock(SHARED));
            order.add("late sharer in");
            lk.lock(RELEASE);
        }).bindTo(2);
        RunResult r = m.run(STEPS);
        assertCompleted(r);
        assertEquals(LockMgr.LK_EXCLUSIVE, statusAfterUpgrade.get());
        assertEquals(List.of("other sharer out", "upgraded", "late sharer in"), order);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void downgrade_lets_the_waiting_sharer_in_beside_the_holder(long seed) {
        Machine m = Machine.builder().cpus(2).seed(seed).build();
        LockMgr lk = new LockMgr("test lockmgr", 0);
        AtomicBoolean holderIn = new AtomicBoolean();
        AtomicBoolean sharerIn = new AtomicBoolean();
        AtomicInteger statusWhileBothShare = new AtomicInteger();
        AtomicInteger upgradeWhileBothShare = new AtomicInteger(-1);
        KThread[] sharer = new KThread[1];
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            assertEquals(0, lk.lock(EXCLUSIVE));
            holderIn.set(true);
            spinUntil(() -> sharer[0].state() == KThread.State.SLEEPING);
            assertEquals(0, lk.lock(LockMgr.LK_DOWNGRADE));
            spinUntil(sharerIn::get);
            statusWhileBothShare.set(lk.lockstatus());
            // With another sharer, a non-waiting upgrade fails and gives up the shared hold.
            upgradeWhileBothShare.set(lk.lock(LockMgr.LK_UPGRADE | NOWAIT));
            sharerIn.set(false);
        }).bindTo(0);
        sharer[0] = m.spawn("sharer", KThread.PRI_MIN_KERN, () -> {
            spinUntil(holderIn::get);
            assertEquals(0, lk.lock(SHARED));
            sharerIn.set(true);
            spinUntil(() -> !sharerIn.get());
            lk.lock(RELEASE);
            assertEquals(0, lk.lockstatus(), "the failed upgrade must have dropped the holder's share");
        }).bindTo(1);
        RunResult r = m.run(STEPS);
        assertCompleted(r);
        assertEquals(LockMgr.LK_SHARED, statusWhileBothShare.get());
        assertEquals(LockMgr.EBUSY, upgradeWhileBothShare.get());
    }

    @Test
    void nowait_requests_fail_with_ebusy_instead_of_sleeping() {
        Machine m = Machine.builder().cpus(2).seed(4).build();
        LockMgr lk = new LockMgr("test lockmgr", 0);
        AtomicInteger phase = new AtomicInteger();
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            lk.lock(SHARED);
            phase.set(1);
            spinUntil(() -> phase.get() == 2);
            lk.lock(RELEASE);
            lk.lock(EXCLUSIVE);
            phase.set(3);
            spinUntil(() -> phase.get() == 4);
            lk.lock(RELEASE);
        }).bindTo(0);
        m.spawn("poller", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> phase.get() == 1);
            results.add(lk.lock(EXCLUSIVE | NOWAIT));
            results.add(lk.lock(SHARED | NOWAIT));
            lk.lock(RELEASE);
            phase.set(2);
            spinUntil(() -> phase.get() == 3);
            results.add(lk.lock(SHARED | NOWAIT));
            results.add(lk.lock(EXCLUSIVE | NOWAIT));
            phase.set(4);
        }).bindTo(1);
        RunResult r = m.run(STEPS);
        assertCompleted(r);
        assertEquals(List.of(LockMgr.EBUSY, 0, LockMgr.EBUSY, LockMgr.EBUSY), results);
    }

    @Test
    void canrecurse_allows_exclusive_recursion_and_a_shared_request_by_the_holder_is_edeadlk() {
        Machine m = Machine.builder().cpus(1).seed(5).build();
        LockMgr lk = new LockMgr("test lockmgr", 0);
        AtomicInteger shared = new AtomicInteger(-1);
        AtomicInteger afterOneRelease = new AtomicInteger(-1);
        AtomicInteger afterBoth = new AtomicInteger(-1);
        m.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            lk.lock(EXCLUSIVE);
            lk.lock(EXCLUSIVE | LockMgr.LK_CANRECURSE);
            shared.set(lk.lock(SHARED));
            lk.lock(RELEASE);
            afterOneRelease.set(lk.lockstatus());
            lk.lock(RELEASE);
            afterBoth.set(lk.lockstatus());
        });
        assertCompleted(m.run(STEPS));
        assertEquals(LockMgr.EDEADLK, shared.get());
        assertEquals(LockMgr.LK_EXCLUSIVE, afterOneRelease.get());
        assertEquals(0, afterBoth.get());

        Machine bad = Machine.builder().cpus(1).seed(5).build();
        LockMgr plain = new LockMgr("plain lockmgr", 0);
        bad.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            plain.lock(EXCLUSIVE);
            plain.lock(EXCLUSIVE);
        });
        RunResult r = bad.run(STEPS);
        assertEquals(RunResult.Status.HALTED, r.status(), r.toString());
        assertEquals("panic: lockmgr: locking against myself", r.reason());
    }

    @Test
    void the_interlock_is_pluggable() {
        Machine m = Machine.builder().cpus(2).seed(6).build();
        Mtx spin = new Mtx("counting interlock", Mtx.SPIN);
        AtomicInteger sleeps = new AtomicInteger();
        LkInterlock counting = new LkInterlock() {
            @Override
            public void lock() {
                spin.lockSpin();
            }

            @Override
            public void unlock() {
                spin.unlockSpin();
            }

            @Override
            public void sleep(Object ident, String wmesg) {
                sleeps.incrementAndGet();
                Synch.msleepSpin(ident, spin, wmesg, 0);
            }
        };
        LockMgr lk = new LockMgr("test lockmgr", 0, counting);
        KThread[] waiter = new KThread[1];
        AtomicBoolean held = new AtomicBoolean();
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            lk.lock(EXCLUSIVE);
            held.set(true);
            spinUntil(() -> waiter[0].state() == KThread.State.SLEEPING);
            lk.lock(RELEASE);
        }).bindTo(0);
        waiter[0] = m.spawn("waiter", KThread.PRI_MIN_KERN, () -> {
            spinUntil(held::get);
            lk.lock(SHARED);
            lk.lock(RELEASE);
        }).bindTo(1);
        assertCompleted(m.run(STEPS));
        assertTrue(sleeps.get() >= 1, "the waiter must have slept through the given interlock");
    }
}
