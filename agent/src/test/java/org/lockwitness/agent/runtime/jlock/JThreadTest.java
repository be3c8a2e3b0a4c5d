package org.lockwitness.agent.runtime.jlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mirror of a thread's Java locks keeps a released lock in its slot only while the thread
 * still holds some lock, and the checked or entered lock it remembers answers once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JThreadTest {

    /** Runs {@code body} on a new thread, which gets its own fresh state, and rethrows its failure. */
    private static void onNewThread(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void the_naming_memo_answers_only_for_the_same_object_named_with_the_same_name() throws InterruptedException {
        onNewThread(() -> {
            JThread jt = JThread.get();
            Object monitor = new Object();
            assertEquals(0, jt.namedId(monitor, 0), "nothing named yet");
            jt.named(monitor, 0, 9);
            assertEquals(9, jt.namedId(monitor, 0));
            assertEquals(0, jt.namedId(monitor, 3), "the same object at a site that names it by a field");
            assertEquals(0, jt.namedId(new Object(), 0), "another object");
            jt.named(monitor, 3, 11);
            assertEquals(11, jt.namedId(monitor, 3));
            assertEquals(0, jt.namedId(monitor, 0), "one entry: the newest naming only");
        });
    }

    @Test
    void a_released_lock_stays_in_its_slot_while_others_are_held_and_goes_when_none_is() throws InterruptedException {
        onNewThread(() -> {
            JThread jt = JThread.get();
            Object outer = new Object();
            Object inner = new Object();
            jt.push(outer, 1L << 32 | 1, 7, JavaLocks.LOCK);
            jt.push(inner, 1L << 32 | 2, 8, JavaLocks.LOCK);
            jt.removeAt(1);
            assertEquals(1, jt.depth());
            assertSame(inner, jt.objects[1], "kept, so that taking it again stores nothing");
            jt.push(inner, 1L << 32 | 2, 8, JavaLocks.LOCK);
            assertEquals(1, jt.indexOf(inner));
            jt.removeAt(1);
            jt.removeAt(0);
            assertEquals(0, jt.depth());
            for (Object o : jt.objects) {
                assertNull(o, "a thread that holds nothing keeps no lock in its mirror");
            }
        });
    }

    @Test
    void the_newest_hold_is_released_from_the_top_and_every_reader_of_the_arrays_sees_it() throws InterruptedException {
        onNewThread(() -> {
            JThread jt = JThread.get();
            Object outer = new Object();
            Object inner = new Object();
            jt.push(outer, 1L << 32 | 1, 7, JavaLocks.LOCK);
            assertTrue(jt.isTop(outer, JavaLocks.LOCK));
            assertFalse(jt.isTop(outer, JavaLocks.MONITOR), "only as the kind it was taken as");
            jt.push(inner, 1L << 32 | 2, 8, JavaLocks.LOCK);
            assertTrue(jt.isTop(inner, JavaLocks.LOCK));
            assertFalse(jt.isTop(outer, JavaLocks.LOCK), "moved into the arrays by the newer hold");
            assertEquals(1L << 32 | 2, jt.topInstance());
            assertEquals(8, jt.topId());
            jt.dropTop();
            assertFalse(jt.isTop(inner, JavaLocks.LOCK));
            assertEquals(1, jt.depth());
            assertEquals(-1, jt.indexOf(inner));
            assertEquals(0, jt.indexOf(outer));
            jt.push(inner, 1L << 32 | 2, 8, JavaLocks.LOCK);
            assertEquals(1, jt.find(1L << 32 | 2, JavaLocks.LOCK), "a reader of the arrays sees the newest hold");
            assertEquals(8, jt.ids[1]);
            assertFalse(jt.isTop(inner, JavaLocks.LOCK), "and it is in the arrays from then on");
            assertEquals(1, jt.newestJuc());
        });
    }

    @Test
    void a_thread_waiting_has_its_newest_hold_in_the_arrays_for_the_watchdog() throws InterruptedException {
        onNewThread(() -> {
            JThread jt = JThread.get();
            Object held = new Object();
            jt.push(held, 1L << 32 | 3, 5, JavaLocks.LOCK);
            assertEquals(0, jt.racyDepth(), "still the top");
            jt.waitFor(new Object(), 1L << 32 | 4, 0);
            assertEquals(1, jt.racyDepth());
            assertEquals(1L << 32 | 3, jt.instances[0]);
            jt.waitDone();
        });
    }

    @Test
    void the_checked_lock_answers_once_and_only_for_itself() throws InterruptedException {
        onNewThread(() -> {
            JThread jt = JThread.get();
            Object lock = new Object();
            jt.acquiring(lock, 42L, 3);
            assertEquals(0L, jt.acquiringInstance(new Object()));
            assertEquals(42L, jt.acquiringInstance(lock));
            assertEquals(3, jt.acquiringId());
            assertEquals(0L, jt.acquiringInstance(lock), "used once");
            jt.acquiring(lock, 43L, 4);
            assertEquals(43L, jt.acquiringInstance(lock), "the same lock checked again");
        });
    }

    @Test
    void a_monitor_being_entered_is_held_at_once_and_marked_until_it_moves_into_the_arrays() throws InterruptedException {
        onNewThread(() -> {
            JThread jt = JThread.get();
            Object outer = new Object();
            Object monitor = new Object();
            jt.push(outer, 1L << 32 | 4, 3, JavaLocks.LOCK);
            jt.pushEntering(monitor, 1L << 32 | 5, 9, 77);
            assertEquals(1, jt.racyDepth(), "the hold before it moved into the arrays");
            assertEquals(1L << 32 | 5, jt.racyTopInstance());
            assertTrue(jt.racyTopEntering(), "perhaps still entering: the watchdog asks the thread's state");
            assertEquals(77, jt.racyTopName());
            assertTrue(jt.isTop(monitor, JavaLocks.MONITOR), "a monitor hold for the thread itself");
            assertEquals(9, jt.topId());
            jt.push(new Object(), 1L << 32 | 6, 10, JavaLocks.LOCK);
            assertFalse(jt.racyTopEntering(), "the next hold is no monitor being entered");
            assertEquals(2, jt.racyDepth());
            assertEquals(JavaLocks.MONITOR, jt.kinds[1], "settled as a monitor, unmarked");
            assertEquals(1, jt.indexOf(monitor));
            jt.pushEntering(new Object(), 1L << 32 | 7, 11, (1 << 23) - 1);
            assertEquals((1 << 23) - 1, jt.racyTopName(), "the widest name that fits");
            jt.pushEntering(new Object(), 1L << 32 | 8, 12, 1 << 23);
            assertEquals(0, jt.racyTopName(), "a name that does not fit in 23 bits is dropped, not truncated");
            assertTrue(jt.racyTopEntering());
        });
    }

    @Test
    void a_monitor_locked_again_gets_the_instance_it_had_whether_held_or_last_released() throws InterruptedException {
        onNewThread(() -> {
            JThread jt = JThread.get();
            Object outer = new Object();
            Object monitor = new Object();
            jt.push(outer, JavaLocks.instance(outer), 1, JavaLocks.MONITOR);
            jt.push(monitor, JavaLocks.instance(monitor), 2, JavaLocks.MONITOR);
            assertEquals(JavaLocks.instance(outer), jt.lockedInstance(outer), "a held entry's");
            jt.pop(JavaLocks.instance(monitor));
            jt.released(monitor, JavaLocks.instance(monitor));
            assertEquals(JavaLocks.instance(monitor), jt.lockedInstance(monitor), "the last released's");
            Object other = new Object();
            assertEquals(JavaLocks.instance(other), jt.lockedInstance(other), "else its identity hash");
        });
    }

    @Test
    void a_thread_that_holds_nothing_keeps_no_released_lock_reachable() throws InterruptedException {
        assertCollectedOnceReleased((jt, lock) -> {
            jt.acquiring(lock, 1L << 32 | 6, 2);
            jt.push(lock, jt.acquiringInstance(lock), jt.acquiringId(), JavaLocks.LOCK);
            jt.waitFor(lock, 1L << 32 | 6, 0);
            jt.waitDone();
            jt.removeAt(0);
        });
    }

    @Test
    void a_thread_that_released_its_only_lock_from_the_top_keeps_it_unreachable() throws InterruptedException {
        assertCollectedOnceReleased((jt, lock) -> {
            jt.push(lock, 1L << 32 | 7, 2, JavaLocks.LOCK);
            jt.dropTop();
        });
    }

    /**
     * Runs {@code holdAndRelease} on a new thread with a fresh lock, then asserts that the thread
     * holds nothing and that the lock is collected while the thread's state lives on.
     */
    private static void assertCollectedOnceReleased(BiConsumer<JThread, Object> holdAndRelease)
            throws InterruptedException {
        AtomicReference<WeakReference<Object>> released = new AtomicReference<>();
        AtomicReference<JThread> state = new AtomicReference<>();
        Thread t = new Thread(() -> {
            JThread jt = JThread.get();
            state.set(jt);
            Object lock = new Object();
            released.set(new WeakReference<>(lock));
            holdAndRelease.accept(jt, lock);
        });
        t.start();
        t.join();
        assertEquals(0, state.get().depth());
        for (int i = 0; i < 50 && released.get().get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(released.get().get(), "the lock was collected while its thread's state lives on");
    }
}
