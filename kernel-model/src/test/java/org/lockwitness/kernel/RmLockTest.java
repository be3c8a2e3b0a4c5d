package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RmLockTest {

    private static final long STEPS = 5_000_000;

    /** The default strategy, except that cpu0 takes the rendezvous IPI only while a tracker is on its queue. */
    private static final class RendezvousWhenTrackerQueued implements Strategy {
        private final RandomStrategy base;
        private Machine machine;

        RendezvousWhenTrackerQueued(long seed) {
            base = new RandomStrategy(seed);
        }

        @Override
        public String name() {
            return "rendezvous-when-tracker-queued";
        }

        @Override
        public boolean deliver(SchedulingPoint point, int vector) {
            if (vector == Irq.IPI_RENDEZVOUS && point.cpu() == 0) {
                return !machine.cpus[0].rmQueue.isEmpty();
            }
            return base.deliver(point, vector);
        }

        @Override
        public int nextCpu(SchedulingPoint point) {
            return base.nextCpu(point);
        }
    }

    private static void spinUntil(java.util.function.BooleanSupplier condition) {
        SharedLockScenarios.spinUntil(condition);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "0, 2", "0, 3", "4, 1", "4, 2", "4, 3"})
    void writer_finds_a_reader_through_the_ipi_and_waits_it_out(int opts, long seed) {
        Machine m = Machine.builder().cpus(2).seed(seed).build();
        RmLock rm = new RmLock("test rm", opts);
        RmTracker tracker = new RmTracker();
        AtomicBoolean readerHolds = new AtomicBoolean();
        AtomicInteger flagsAtRelease = new AtomicInteger(-1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        KThread[] writer = new KThread[1];
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            // The first read of a fresh lock takes cpu0's read token back through the backing lock.
            rm.rlock(tracker);
            rm.runlock(tracker);
            rm.rlock(tracker);
            order.add("reader in");
            readerHolds.set(true);
            spinUntil(() -> writer[0].state() == KThread.State.LOCK);
            flagsAtRelease.set(tracker.flags);
            order.add("reader out");
            rm.runlock(tracker);
        }).bindTo(0);
        writer[0] = m.spawn("writer", KThread.PRI_MIN_KERN, () -> {
            spinUntil(readerHolds::get);
            rm.wlock();
            order.add("writer in");
            rm.wunlock();
        }).bindTo(1);
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertEquals(List.of("reader in", "reader out", "writer in"), order);
        assertEquals(RmTracker.RMPF_ONQUEUE | RmTracker.RMPF_SIGNAL, flagsAtRelease.get(),
                "rm_cleanIPI must have made the reader active and the writer must wait for it");
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "0, 2", "4, 1", "4, 2"})
    void reader_whose_ipi_lands_with_a_queued_tracker_takes_the_hard_path(int opts, long seed) {
        RendezvousWhenTrackerQueued strategy = new RendezvousWhenTrackerQueued(seed);
        Machine m = Machine.builder().cpus(2).seed(seed).strategy(strategy).build();
        strategy.machine = m;
        RmLock rm = new RmLock("test rm", opts);
        RmTracker tracker = new RmTracker();
        AtomicBoolean primed = new AtomicBoolean();
        AtomicBoolean writerIn = new AtomicBoolean();
        AtomicInteger flagsAtGrant = new AtomicInteger(-1);
        AtomicBoolean grantedBeforeWriter = new AtomicBoolean();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        KThread[] writer = new KThread[1];
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            rm.rlock(tracker);
            rm.runlock(tracker);
            primed.set(true);
            // The writer has set rm_writecpus and sent its rendezvous IPI: the fast path will fail.
            spinUntil(() -> (m.cpus[0].ipiPending.get() & Irq.bit(Irq.IPI_RENDEZVOUS)) != 0);
            rm.rlock(tracker);
            flagsAtGrant.set(tracker.flags);
            grantedBeforeWriter.set(!writerIn.get());
            order.add("reader in");
            spinUntil(() -> writer[0].state() == KThread.State.LOCK);
            order.add("reader out");
            rm.runlock(tracker);
        }).bindTo(0);
        writer[0] = m.spawn("writer", KThread.PRI_MIN_KERN, () -> {
            spinUntil(primed::get);
            rm.wlock();
            writerIn.set(true);
            order.add("writer in");
            rm.wunlock();
        }).bindTo(1);
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertTrue((flagsAtGrant.get() & RmTracker.RMPF_ONQUEUE) != 0,
                "the rendezvous must have found the queued tracker: flags " + flagsAtGrant.get());
        assertTrue(grantedBeforeWriter.get(), "the reader must not wait for the writer's backing lock");
        assertEquals(List.of("reader in", "reader out", "writer in"), order);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "0, 2", "0, 3", "4, 1", "4, 2", "4, 3"})
    void readers_share_and_writers_exclude_everyone(int opts, long seed) {
        Machine m = Machine.builder().cpus(3).seed(seed).build();
        RmLock rm = new RmLock("test rm", opts);
        AtomicInteger readersIn = new AtomicInteger();
        AtomicInteger maxReaders = new AtomicInteger();
        AtomicBoolean writerIn = new AtomicBoolean();
        AtomicBoolean overlap = new AtomicBoolean();
        AtomicInteger writes = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            m.spawn("reader" + i, KThread.PRI_MIN_KERN, () -> {
                RmTracker tracker = new RmTracker();
                for (int n = 0; n < 30; n++) {
                    rm.rlock(tracker);
                    maxReaders.accumulateAndGet(readersIn.incrementAndGet(), Math::max);
                    overlap.compareAndSet(false, writerIn.get());
                    Machine.window();
                    readersIn.decrementAndGet();
                    rm.runlock(tracker);
                }
            }).bindTo(i);
        }
        m.spawn("writer", KThread.PRI_MIN_KERN, () -> {
            for (int n = 0; n < 10; n++) {
                rm.wlock();
                writerIn.set(true);
                overlap.compareAndSet(false, readersIn.get() != 0);
                Machine.window();
                writerIn.set(false);
                writes.incrementAndGet();
                rm.wunlock();
            }
        }).bindTo(2);
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertFalse(overlap.get(), "a reader and the writer held the lock at once");
        assertEquals(10, writes.get());
    }

    @Test
    void read_recursion_needs_rm_recurse() {
        Machine m = Machine.builder().cpus(1).seed(7).build();
        RmLock rm = new RmLock("test rm", 0);
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            rm.rlock(new RmTracker());
            rm.rlock(new RmTracker());
        });
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.HALTED, r.status(), r.toString());
        assertEquals("panic: rm_rlock: recursed on non-recursive rmlock test rm", r.reason());
    }
}
