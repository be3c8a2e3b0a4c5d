package org.lockwitness.agent.runtime.jlock;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The direct-mapped cache of per-thread states: each thread gets its own state whether its slot
 * holds it or another thread owns the slot, and the sweeper frees the slot of an ended thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadSlotsTest {

    /** Starts {@code thread}, waits for it to end and returns what it left in {@code result}. */
    private static <T> T on(Thread thread, AtomicReference<T> result) throws InterruptedException {
        thread.start();
        thread.join();
        return result.get();
    }

    /** A new thread, not started, whose id maps to the same slot as {@code with}'s. */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
    private static Thread colliding(Thread with, Runnable body) {
        long mask = ThreadSlots.SIZE - 1;
        while (true) {
            Thread t = new Thread(body);
            if ((t.getId() & mask) == (with.getId() & mask)) {
                return t;
            }
        }
    }

    @Test
    void a_thread_gets_the_same_state_every_time_and_it_names_that_thread() throws InterruptedException {
        AtomicReference<JThread> first = new AtomicReference<>();
        AtomicReference<JThread> again = new AtomicReference<>();
        Thread t = new Thread(() -> {
            first.set(JThread.get());
            again.set(JThread.get());
        });
        on(t, first);
        assertSame(first.get(), again.get());
        assertSame(t, first.get().thread);
    }

    /**
     * Runs a new thread whose id maps to {@code with}'s slot; returns its state and what its slot
     * held for it after it got that state (null when another thread owns the slot).
     */
    private static JThread[] collidingRun(Thread with) throws InterruptedException {
        AtomicReference<JThread[]> result = new AtomicReference<>();
        Thread t = colliding(with, () -> {
            JThread mine = JThread.get();
            result.set(new JThread[] {mine, ThreadSlots.lookup(Thread.currentThread())});
        });
        JThread[] states = on(t, result);
        assertSame(t, states[0].thread);
        return states;
    }

    @Test
    void a_thread_whose_slot_another_owns_gets_its_own_state_and_the_freed_slot_after_a_sweep()
            throws InterruptedException {
        AtomicReference<JThread> owner = new AtomicReference<>();
        Thread first = new Thread(() -> owner.set(JThread.get()));
        on(first, owner);
        JThread[] second = collidingRun(first);
        assertNotSame(owner.get(), second[0]);
        assertNull(second[1], "the ended but unswept first thread still owns the slot");

        ThreadSlots.sweep();
        JThread[] third = collidingRun(first);
        assertSame(third[0], third[1], "the sweep freed the slot, and the next thread took it");
    }

    @Test
    void threads_looking_up_at_once_each_get_only_their_own_state() throws InterruptedException {
        int threads = 64;
        AtomicReference<String> wrong = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] all = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            all[i] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                JThread first = JThread.get();
                for (int k = 0; k < 20_000; k++) {
                    JThread jt = JThread.get();
                    if (jt != first || jt.thread != Thread.currentThread()) {
                        wrong.compareAndSet(null, Thread.currentThread().getName() + " got " + jt.thread.getName());
                    }
                }
            });
            all[i].start();
        }
        start.countDown();
        for (Thread t : all) {
            t.join();
        }
        assertNull(wrong.get());
        ThreadSlots.sweep();
    }
}
