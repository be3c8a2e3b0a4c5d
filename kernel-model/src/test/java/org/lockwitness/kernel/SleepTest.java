package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;
import static org.lockwitness.kernel.Programs.spinUntil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Sleep mutexes on turnstiles, sleep queues, timeouts and Giant. */
class SleepTest {

    @Test
    void sleep_mutex_blocks_and_wakes_waiters_in_priority_order() {
        Machine m = machine(1, 2).build();
        Mtx mtx = new Mtx("contended", Mtx.DEF);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        m.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            mtx.lock();
            Synch.pause("hold", 2);
            mtx.unlock();
        });
        int[] priorities = {KThread.PRI_MIN_KERN + 10, KThread.PRI_MIN_KERN + 5, KThread.PRI_MIN_KERN + 15};
        List<KThread> waiters = new ArrayList<>();
        for (int p : priorities) {
            waiters.add(m.spawn("w" + p, p, () -> {
                mtx.lock();
                order.add(KThread.curthread().name());
                mtx.unlock();
            }));
        }
        runToCompletion(m);
        assertEquals(List.of("w85", "w90", "w95"), order);
    }

    @Test
    void sleep_mutex_owner_is_preempted_by_an_ithread_while_a_waiter_sleeps() {
        Machine m = machine(1, 3).strategy(new RandomStrategy(3, 16, 1.0)).build();
        Mtx mtx = new Mtx("held", Mtx.DEF);
        AtomicReference<KThread> owner = new AtomicReference<>();
        AtomicReference<KThread> waiter = new AtomicReference<>();
        AtomicReference<String> seen = new AtomicReference<>();
        AtomicBoolean waiterGotIt = new AtomicBoolean();
        InterruptSource irq = m.interruptSource("dev", 0, KThread.PI_NET);
        irq.addHandler("dev", () -> Filter.FILTER_SCHEDULE_THREAD,
                () -> seen.set(owner.get().state() + "/" + waiter.get().state()), InterruptSource.INTR_MPSAFE);
        m.spawn("owner", KThread.PRI_MIN_KERN, () -> {
            owner.set(KThread.curthread());
            mtx.lock();
            Synch.pause("let the waiter block", 1);
            irq.raise();
            spinUntil(() -> seen.get() != null);
            mtx.unlock();
        });
        m.spawn("waiter", KThread.PRI_MIN_KERN + 1, () -> {
            waiter.set(KThread.curthread());
            mtx.lock();
            waiterGotIt.set(true);
            mtx.unlock();
        });
        runToCompletion(m);
        assertEquals("RUNQ/LOCK", seen.get(), "owner preempted, waiter blocked on the turnstile");
        assertTrue(waiterGotIt.get());
    }

    @Test
    void msleep_drops_and_retakes_its_interlock() {
        Machine m = machine(2, 4).build();
        Mtx interlock = new Mtx("interlock", Mtx.DEF);
        Object ident = new Object();
        AtomicBoolean otherHadIt = new AtomicBoolean();
        AtomicBoolean ownedAfter = new AtomicBoolean();
        m.spawn("sleeper", KThread.PRI_MIN_KERN, () -> {
            interlock.lock();
            while (!otherHadIt.get()) {
                Synch.msleep(ident, interlock, 0, "wait", 0);
            }
            ownedAfter.set(interlock.owned());
            interlock.unlock();
        });
        m.spawn("waker", KThread.PRI_MIN_KERN, () -> {
            interlock.lock();
            otherHadIt.set(true);
            Synch.wakeup(ident);
            interlock.unlock();
        });
        runToCompletion(m);
        assertTrue(otherHadIt.get(), "the interlock was dropped during the sleep");
        assertTrue(ownedAfter.get(), "and held again after it");
    }

    @Test
    void tsleep_with_a_timeout_wakes_after_that_many_ticks() {
        Machine m = machine(2, 5).build();
        AtomicLong slept = new AtomicLong();
        AtomicInteger rv = new AtomicInteger(-1);
        m.spawn("sleeper", KThread.PRI_MIN_KERN, () -> {
            long t0 = m.ticks();
            rv.set(Synch.tsleep(new Object(), 0, "timo", 5));
            slept.set(m.ticks() - t0);
        });
        runToCompletion(m);
        assertEquals(Synch.EWOULDBLOCK, rv.get());
        assertTrue(slept.get() >= 5 && slept.get() <= 6, "slept " + slept.get() + " ticks");
    }

    @Test
    void wakeup_one_wakes_exactly_one_sleeper() {
        Machine m = machine(2, 6).build();
        Object ident = new Object();
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger wokenAfterOne = new AtomicInteger(-1);
        List<KThread> sleepers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sleepers.add(m.spawn("s" + i, KThread.PRI_MIN_KERN, () -> {
                Synch.tsleep(ident, 0, "wait", 0);
                woken.incrementAndGet();
            }));
        }
        m.spawn("waker", KThread.PRI_MIN_KERN + 10, () -> {
            spinUntil(() -> sleepers.stream().allMatch(t -> t.state() == KThread.State.SLEEPING));
            Synch.wakeupOne(ident);
            Synch.pause("let it run", 3);
            wokenAfterOne.set(woken.get());
            Synch.wakeup(ident);
        });
        runToCompletion(m);
        assertEquals(1, wokenAfterOne.get());
        assertEquals(3, woken.get());
    }

    @Test
    void giant_is_dropped_across_a_sleep_and_held_again_after_it() {
        Machine m = machine(2, 7).build();
        Object ident = new Object();
        AtomicBoolean otherTookGiant = new AtomicBoolean();
        AtomicBoolean heldAfter = new AtomicBoolean();
        m.spawn("giant holder", KThread.PRI_MIN_KERN, () -> {
            Mtx giant = m.giant();
            giant.lock();
            giant.lock();
            while (!otherTookGiant.get()) {
                Synch.tsleep(ident, 0, "wait", 0);
            }
            heldAfter.set(giant.owned());
            giant.unlock();
            giant.unlock();
        });
        m.spawn("other", KThread.PRI_MIN_KERN, () -> {
            m.giant().lock();
            otherTookGiant.set(true);
            m.giant().unlock();
            Synch.wakeup(ident);
        });
        runToCompletion(m);
        assertTrue(otherTookGiant.get());
        assertTrue(heldAfter.get(), "recursed twice before, both levels back after");
    }
}
