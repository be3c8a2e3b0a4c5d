package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CvTest {

    private static final long STEPS = 5_000_000;

    private static void spinUntil(BooleanSupplier condition) {
        SharedLockScenarios.spinUntil(condition);
    }

    private static int awake(KThread[] waiters) {
        int n = 0;
        for (KThread w : waiters) {
            if (w.state() != KThread.State.SLEEPING) {
                n++;
            }
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void signal_wakes_one_waiter_and_broadcast_wakes_all(long seed) {
        Machine m = Machine.builder().cpus(4).seed(seed).build();
        Mtx mtx = new Mtx("cv test", Mtx.DEF);
        Cv cv = new Cv("cv test");
        int[] tokens = new int[1];
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger awakeAfterSignal = new AtomicInteger(-1);
        AtomicInteger wokenLater = new AtomicInteger(-1);
        AtomicBoolean ownedOnReturn = new AtomicBoolean(true);
        KThread[] waiters = new KThread[3];
        for (int i = 0; i < waiters.length; i++) {
            waiters[i] = m.spawn("waiter" + i, KThread.PRI_MIN_KERN, () -> {
                mtx.lock();
                while (tokens[0] == 0) {
                    cv.wait(mtx);
                    ownedOnReturn.compareAndSet(true, mtx.owned());
                }
                tokens[0]--;
                woken.incrementAndGet();
                mtx.unlock();
            }).bindTo(i);
        }
        m.spawn("signaller", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> awake(waiters) == 0);
            mtx.lock();
            tokens[0] = 1;
            cv.signal();
            awakeAfterSignal.set(awake(waiters));
            mtx.unlock();
            spinUntil(() -> woken.get() == 1);
            for (int i = 0; i < 200; i++) {
                Machine.cpuSpinwait();
            }
            wokenLater.set(woken.get());
            mtx.lock();
            tokens[0] = 2;
            cv.broadcast();
            mtx.unlock();
        }).bindTo(3);
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertEquals(1, awakeAfterSignal.get(), "cv_signal must wake exactly one waiter");
        assertEquals(1, wokenLater.get(), "no other waiter may wake without a signal");
        assertEquals(3, woken.get(), "cv_broadcast must wake the rest");
        assertTrue(ownedOnReturn.get(), "cv_wait must return with the mutex held");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void timed_wait_times_out_without_a_signal_and_returns_0_with_one(long seed) {
        Machine m = Machine.builder().cpus(2).seed(seed).stepsPerTick(100).build();
        Mtx mtx = new Mtx("cv test", Mtx.DEF);
        Cv cv = new Cv("cv test");
        AtomicInteger timedOut = new AtomicInteger(-1);
        AtomicInteger signalled = new AtomicInteger(-1);
        AtomicBoolean signal = new AtomicBoolean();
        KThread[] waiter = new KThread[1];
        waiter[0] = m.spawn("waiter", KThread.PRI_MIN_KERN, () -> {
            mtx.lock();
            timedOut.set(cv.timedWait(mtx, 3));
            signal.set(true);
            signalled.set(cv.timedWait(mtx, 1_000_000));
            mtx.unlock();
        }).bindTo(0);
        m.spawn("signaller", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> signal.get() && waiter[0].state() == KThread.State.SLEEPING);
            mtx.lock();
            cv.signal();
            mtx.unlock();
        }).bindTo(1);
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertEquals(Synch.EWOULDBLOCK, timedOut.get());
        assertEquals(0, signalled.get());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void wait_drops_and_retakes_a_sleepable_interlock(long seed) {
        Machine m = Machine.builder().cpus(2).seed(seed).build();
        Sx sx = new Sx("cv sx", 0);
        Cv cv = new Cv("cv test");
        AtomicBoolean ready = new AtomicBoolean();
        AtomicBoolean heldOnReturn = new AtomicBoolean();
        KThread[] waiter = new KThread[1];
        waiter[0] = m.spawn("waiter", KThread.PRI_MIN_KERN, () -> {
            sx.xlock();
            while (!ready.get()) {
                cv.wait(sx);
            }
            heldOnReturn.set(sx.xlocked());
            sx.xunlock();
        }).bindTo(0);
        m.spawn("signaller", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> waiter[0].state() == KThread.State.SLEEPING);
            sx.xlock();
            ready.set(true);
            cv.broadcast();
            sx.xunlock();
        }).bindTo(1);
        RunResult r = m.run(STEPS);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r.toString());
        assertTrue(heldOnReturn.get());
    }
}
