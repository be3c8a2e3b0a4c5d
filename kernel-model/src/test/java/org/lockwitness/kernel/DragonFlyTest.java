package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockwitness.kernel.Programs.machine;
import static org.lockwitness.kernel.Programs.runToCompletion;
import static org.lockwitness.kernel.Programs.spinUntil;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** LWKT tokens, serializers and tsleep_interlock. */
class DragonFlyTest {

    @Test
    void a_token_is_released_while_its_holder_sleeps_and_held_again_when_it_wakes() {
        Machine m = machine(2, 1).build();
        Token tok = new Token("vm_token");
        AtomicBoolean otherGotIt = new AtomicBoolean();
        AtomicBoolean heldAfter = new AtomicBoolean();
        KThread holder = m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            tok.get();
            Synch.pause("nap", 3);
            heldAfter.set(tok.held());
            tok.rel();
        });
        m.spawn("other", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> holder.state() == KThread.State.SLEEPING);
            assertTrue(tok.tryGet(), "free while its holder sleeps");
            otherGotIt.set(true);
            tok.rel();
        });
        runToCompletion(m);
        assertTrue(otherGotIt.get(), "taken by another thread while the holder slept");
        assertTrue(heldAfter.get(), "re-taken before the holder resumed");
    }

    @Test
    void a_blocked_token_acquire_loses_atomicity_across_the_block() {
        Machine m = machine(2, 2).build();
        Token a = new Token("a");
        Token b = new Token("b");
        int[] shared = new int[1];
        AtomicInteger seenChange = new AtomicInteger();
        AtomicBoolean bHeld = new AtomicBoolean();
        m.spawn("first", KThread.PRI_MIN_KERN, () -> {
            b.get();
            bHeld.set(true);
            spinUntil(() -> shared[0] == 1);
            b.rel();
        }).bindTo(0);
        KThread second = m.spawn("second", KThread.PRI_MIN_KERN, () -> {
            spinUntil(bHeld::get);
            a.get();
            int before = shared[0];
            b.get();
            if (shared[0] != before) {
                seenChange.incrementAndGet();
            }
            b.rel();
            a.rel();
        }).bindTo(1);
        m.spawn("third", KThread.PRI_MIN_KERN, () -> {
            spinUntil(() -> second.state() == KThread.State.LOCK);
            a.get();
            shared[0]++;
            a.rel();
        }).bindTo(1);
        RunResult r = runToCompletion(m);
        assertEquals(1, shared[0], r::toString);
        assertEquals(1, seenChange.get(), "a was released while second waited for b");
    }

    @Test
    void tokens_released_out_of_order_are_an_error() {
        Machine m = machine(1, 3).build();
        Token a = new Token("a");
        Token b = new Token("b");
        m.spawn("t", KThread.PRI_MIN_KERN, () -> {
            a.get();
            b.get();
            a.rel();
        });
        RunResult r = m.run(Programs.LIMIT);
        assertEquals(RunResult.Status.HALTED, r.status());
        assertEquals("lwkt_reltoken: release wants b and got a", r.cause().getMessage());
    }

    @Test
    void a_serializer_is_held_across_a_sleep_and_entering_it_recursively_is_an_error() {
        Machine m = machine(2, 4).build();
        Serializer s = new Serializer("ifnet");
        AtomicBoolean triedDuringSleep = new AtomicBoolean();
        AtomicBoolean gotDuringSleep = new AtomicBoolean(true);
        AtomicBoolean otherEntered = new AtomicBoolean();
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            s.enter();
            Synch.pause("nap", 3);
            assertTrue(s.serialized());
            s.exit();
        });
        m.spawn("other", KThread.PRI_MIN_KERN, () -> {
            Synch.pause("wait", 1);
            gotDuringSleep.set(s.tryEnter());
            triedDuringSleep.set(true);
            s.enter();
            otherEntered.set(true);
            s.exit();
        });
        runToCompletion(m);
        assertTrue(triedDuringSleep.get());
        assertFalse(gotDuringSleep.get(), "still held while its holder slept");
        assertTrue(otherEntered.get(), "and handed over after the exit");

        Machine r = machine(1, 4).build();
        r.spawn("recursive", KThread.PRI_MIN_KERN, () -> {
            s.enter();
            s.enter();
        });
        RunResult rr = r.run(Programs.LIMIT);
        assertEquals(RunResult.Status.HALTED, rr.status());
        assertTrue(rr.cause().getMessage().contains("recursion on serializer ifnet"));
    }

    @Test
    void tsleep_interlock_keeps_a_wakeup_that_comes_before_the_sleep() {
        Machine m = machine(2, 5).build();
        Object ident = new Object();
        AtomicBoolean flag = new AtomicBoolean();
        AtomicInteger rv = new AtomicInteger(-1);
        AtomicBoolean wokenBeforeSleep = new AtomicBoolean();
        AtomicBoolean queued = new AtomicBoolean();
        m.spawn("sleeper", KThread.PRI_MIN_KERN, () -> {
            Synch.tsleepInterlock(ident);
            queued.set(true);
            spinUntil(flag::get);
            wokenBeforeSleep.set(KThread.curthread().wchan == null);
            rv.set(Synch.tsleep(ident, Synch.PINTERLOCKED, "ilock", 0));
        });
        m.spawn("waker", KThread.PRI_MIN_KERN, () -> {
            spinUntil(queued::get);
            Synch.wakeup(ident);
            flag.set(true);
        });
        RunResult r = runToCompletion(m);
        assertTrue(wokenBeforeSleep.get());
        assertEquals(0, rv.get());
        assertEquals(java.util.List.of(), r.detections());
    }
}
