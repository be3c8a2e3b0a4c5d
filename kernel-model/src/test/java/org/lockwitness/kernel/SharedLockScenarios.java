package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** The scenarios that {@link SxTest} and {@link RwTest} both run, on one CPU per thread. */
final class SharedLockScenarios {

    /** The operations of a shared/exclusive lock, and the state its blocked threads are in. */
    record SharedLock(Runnable readLock, Runnable readUnlock, Runnable writeLock, Runnable writeUnlock,
            KThread.State blocked) {
    }

    static final long STEPS = 5_000_000;

    private SharedLockScenarios() {
    }

    static void spinUntil(BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            Machine.cpuSpinwait();
        }
    }

    /**
     * Two readers hold the lock at once; a writer waits until both have left, and a reader that comes
     * while the writer holds it waits until the writer has left.
     */
    static void readersShareAndAWriterExcludesThem(long seed, SharedLock lock) {
        Machine m = Machine.builder().cpus(4).seed(seed).build();
        AtomicInteger entered = new AtomicInteger();
        AtomicInteger readersIn = new AtomicInteger();
        AtomicBoolean writerIn = new AtomicBoolean();
        AtomicBoolean overlap = new AtomicBoolean();
        KThread[] t = new KThread[4];
        for (int r = 0; r < 2; r++) {
            t[r] = m.spawn("reader" + r, KThread.PRI_MIN_KERN, () -> {
                lock.readLock().run();
                readersIn.incrementAndGet();
                entered.incrementAndGet();
                overlap.compareAndSet(false, writerIn.get());
                spinUntil(() -> entered.get() == 2 && t[2].state() == lock.blocked());
                readersIn.decrementAndGet();
                lock.readUnlock().run();
            }).bindTo(r);
        }
        t[2] = m.spawn("writer", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> entered.get() == 2);
            lock.writeLock().run();
            writerIn.set(true);
            overlap.compareAndSet(false, readersIn.get() != 0);
            spinUntil(() -> t[3].state() == lock.blocked());
            writerIn.set(false);
            lock.writeUnlock().run();
        }).bindTo(2);
        t[3] = m.spawn("late reader", KThread.PRI_MIN_KERN, () -> {
            spinUntil(writerIn::get);
            lock.readLock().run();
            overlap.compareAndSet(false, writerIn.get());
            lock.readUnlock().run();
        }).bindTo(3);
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertEquals(2, entered.get());
        assertFalse(overlap.get(), "a reader and the writer held the lock at once");
    }

    /**
     * A first read waits behind a waiting writer, a second read by a thread that holds one does not,
     * and the writer goes before the reader that waited.
     */
    static void firstReadWaitsBehindWriterSecondDoesNot(long seed, SharedLock lock) {
        Machine m = Machine.builder().cpus(3).seed(seed).build();
        AtomicBoolean r1Holds = new AtomicBoolean();
        AtomicBoolean secondReadWhileWriterWaits = new AtomicBoolean();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        KThread[] t = new KThread[3];
        t[0] = m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            lock.readLock().run();
            r1Holds.set(true);
            spinUntil(() -> t[1].state() == lock.blocked() && t[2].state() == lock.blocked());
            lock.readLock().run();
            secondReadWhileWriterWaits.set(t[1].state() == lock.blocked() && t[2].state() == lock.blocked());
            order.add("second read");
            lock.readUnlock().run();
            lock.readUnlock().run();
        }).bindTo(0);
        t[1] = m.spawn("writer", KThread.PRI_MIN_KERN, () -> {
            spinUntil(r1Holds::get);
            lock.writeLock().run();
            order.add("writer in");
            order.add("writer out");
            lock.writeUnlock().run();
        }).bindTo(1);
        t[2] = m.spawn("first reader", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> t[1].state() == lock.blocked());
            lock.readLock().run();
            order.add("first read");
            lock.readUnlock().run();
        }).bindTo(2);
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertTrue(secondReadWhileWriterWaits.get(), "the second read did not go ahead of the waiting writer");
        assertEquals(List.of("second read", "writer in", "writer out", "first read"), order);
    }
}
