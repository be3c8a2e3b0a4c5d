package org.lockwitness.agent.runtime.jlock;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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

    @Test
    void a_thread_whose_slot_another_owns_gets_its_own_state_and_the_freed_slot_after_a_sweep()
            throws InterruptedException {
        AtomicReference<JThread> owner = new AtomicReference<>();
        Thread first = new Thread(() -> owner.set(JThread.get()));
        on(first, owner);
        AtomicReference<JThread> inSlot = new AtomicReference<>();
        AtomicReference<JThread> mine = new AtomicReference<>();
        Thread second = colliding(first, () -> {
            mine.set(JThread.get());
            inSlot.set(ThreadSlots.lookup(Thread.currentThread()));
        });
        on(second, mine);
        assertNotSame(owner.get(), mine.get());
        assertSame(second, mine.get().thread);
        assertNull(inSlot.get(), "the ended but unswept first thread still owns the slot");

        ThreadSlots.sweep();
        AtomicReference<JThread> third = new AtomicReference<>();
        AtomicReference<JThread> thirdInSlot = new AtomicReference<>();
        Thread after = colliding(first, () -> {
            third.set(JThread.get());
            thirdInSlot.set(ThreadSlots.lookup(Thread.currentThread()));
        });
        on(after, third);
        assertSame(third.get(), thirdInSlot.get(), "the sweep freed the slot, and the next thread took it");
        assertSame(after, third.get().thread);
    }
}
