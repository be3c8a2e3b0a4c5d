package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Witness#acquiredCommon} and {@link Witness#releaseCommon}: the common case of a hold and
 * of a release, recorded without reading the thread's context. The agent skips
 * {@link WitnessThread#at} before them and copies the context only when they decline.
 */
class CommonCaseTest {

    @Test
    void plainSleepMutex_isHeldAndReleased_withoutTheFullEvents() {
        Sim sim = new Sim();
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.w.checkOrder(t, a.id, a.instance, 0, 0, 0);
        assertTrue(sim.w.acquiredCommon(t, a.id, a.instance, 0, 0));
        assertEquals(1, t.sleepLocks().depth);
        assertTrue(sim.w.releaseCommon(t, a.id, a.instance, 0));
        assertEquals(0, t.sleepLocks().depth);
        sim.silent();
    }

    @Test
    void otherAcquires_areDeclined_andChangeNothing() {
        Sim sim = new Sim();
        Sim.Lock spin = sim.lock("S", LockKind.SPIN_MUTEX);
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock rw = sim.lock("J", LockKind.JAVA_RW);
        WitnessThread t = sim.thread("t");
        assertFalse(sim.w.acquiredCommon(t, spin.id, spin.instance, 0, OpFlags.SPIN_OP));
        assertFalse(sim.w.acquiredCommon(t, a.id, a.instance, 0, OpFlags.TRY));
        assertFalse(sim.w.acquiredCommon(t, a.id, a.instance, 0, OpFlags.SHARED));
        assertFalse(sim.w.acquiredCommon(t, rw.id, rw.instance, 0, 0));
        assertEquals(0, t.sleepLocks().depth);
        sim.take(t, a, 0);
        assertFalse(sim.w.acquiredCommon(t, a.id, a.instance, 0, 0), "a recursion");
        assertEquals(1, t.sleepLocks().depth);
        sim.w.rendezvousEnter(t, 0);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        assertFalse(sim.w.acquiredCommon(t, b.id, b.instance, 0, 0), "inside a rendezvous handler");
        assertEquals(1, t.sleepLocks().depth);
        sim.silent();
    }

    @Test
    void otherReleases_areDeclined_andChangeNothing() {
        Sim sim = new Sim();
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX, LockFlags.RECURSE);
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        assertFalse(sim.w.releaseCommon(t, a.id, a.instance, 0), "not held");
        sim.take(t, a, 0);
        sim.take(t, b, 0);
        assertFalse(sim.w.releaseCommon(t, a.id, a.instance, 0), "not the newest");
        assertFalse(sim.w.releaseCommon(t, c.id, c.instance, 0), "another lock");
        assertFalse(sim.w.releaseCommon(t, b.id, b.instance, OpFlags.SPIN_OP), "through the spin API");
        assertFalse(sim.w.releaseCommon(t, b.id, b.instance, OpFlags.SHARED), "a shared release");
        sim.take(t, b, 0);
        assertFalse(sim.w.releaseCommon(t, b.id, b.instance, 0), "recursed");
        assertEquals(2, t.sleepLocks().depth);
        sim.silent();
    }

    @Test
    void ignoredEvents_areDone() {
        Sim sim = new Sim();
        WitnessThread t = sim.thread("t");
        assertTrue(sim.w.acquiredCommon(t, Witness.UNTRACKED, 1, 0, 0));
        assertTrue(sim.w.releaseCommon(t, Witness.UNTRACKED, 1, 0));
        assertEquals(0, t.sleepLocks().depth);
    }

    /**
     * A mixed script gives the same findings whether each hold and release goes through the full
     * events with the context written first, or through the common case with a context that is
     * wrong in every field (a CPU no lock was seen on, critical and interrupt nesting, every flag)
     * and the full event only when the common case declines: the common case reads no context.
     */
    @Test
    void commonCase_readsNoContext_sameFindingsAsTheFullEvents() {
        assertEquals(script(false), script(true));
    }

    private static List<String> script(boolean common) {
        Sim sim = new Sim();
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        Sim.Lock sx = sim.lock("X", LockKind.SX);
        Sim.Lock spin = sim.lock("S", LockKind.SPIN_MUTEX);
        WitnessThread t = sim.thread("t");
        Steps steps = new Steps(sim.w, t, common);
        steps.acquire(a, 0, 0);
        steps.acquire(b, 0, 0);
        steps.release(a, 0, 0);
        steps.release(b, 0, 0);
        steps.acquire(b, 0, 0);
        steps.acquire(a, 0, 0);
        steps.release(a, 0, 0);
        steps.release(b, 0, 0);
        steps.acquire(sx, OpFlags.SHARED, 0);
        steps.acquire(a, 0, 0);
        steps.acquire(spin, OpFlags.SPIN_OP, 1);
        steps.release(spin, OpFlags.SPIN_OP, 1);
        steps.release(a, 0, 0);
        steps.release(sx, OpFlags.SHARED, 0);
        steps.release(b, 0, 0);
        steps.acquire(a, OpFlags.TRY, 0);
        steps.acquire(a, 0, 0);
        steps.release(a, 0, 0);
        steps.release(a, 0, 0);
        List<String> seen = new ArrayList<>();
        for (Finding f : sim.findings()) {
            seen.add(f.rule() + " " + f.message() + " " + f.locks());
        }
        seen.add("held " + t.sleepLocks().depth);
        assertFalse(seen.size() < 3, () -> "the script should break rules: " + seen);
        return seen;
    }

    /** One thread's events on CPU 0, each with its context, the holds and releases one way or the other. */
    private record Steps(Witness w, WitnessThread t, boolean common) {
        void acquire(Sim.Lock l, int flags, int critnest) {
            at(critnest);
            if ((flags & OpFlags.TRY) == 0) {
                w.checkOrder(t, l.id, l.instance, 0, flags, 0);
            }
            if (common) {
                wrongContext();
                if (w.acquiredCommon(t, l.id, l.instance, 0, flags)) {
                    return;
                }
                at(critnest);
            }
            w.acquired(t, l.id, l.instance, 0, flags);
        }

        void release(Sim.Lock l, int flags, int critnest) {
            if (common) {
                wrongContext();
                if (w.releaseCommon(t, l.id, l.instance, flags)) {
                    return;
                }
            }
            at(critnest);
            w.release(t, l.id, l.instance, 0, flags);
        }

        private void at(int critnest) {
            t.at(0, critnest, 0, critnest == 0 ? WitnessThread.CTX_INTERRUPTS_ENABLED : 0, 0);
        }

        private void wrongContext() {
            t.at(7, 3, 2, 0x1F, 1_000_000);
        }
    }
}
