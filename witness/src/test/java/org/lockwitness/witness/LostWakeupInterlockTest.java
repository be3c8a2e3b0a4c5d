package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A lost wakeup reported with the sleeper's and the waker's sites and stacks (issue 18, item 3). */
class LostWakeupInterlockTest {
    private final Sim sim = new Sim();

    private static final List<StackTraceElement> SLEEPER = List.of(
            new StackTraceElement("org.lockwitness.kernel.Sleepq", "await", "Sleepq.java", 80),
            new StackTraceElement("com.example.Driver", "await", "Driver.java", 31),
            new StackTraceElement("java.lang.Thread", "run", "Thread.java", 840));

    @Test
    void theWakeupThatFoundNoSleeper_givesTheWakersSiteAndStack_besideTheSleepers() {
        WitnessThread waker = sim.thread("waker");
        sim.w.noSleeper(waker, "sc_ready", 41, sim.site("Driver.java", 37));
        sim.w.lostWakeup("sc_ready", "waiter", "waker", 41, sim.site("Driver.java", 31), SLEEPER);
        Finding f = sim.only(Rule.LOST_WAKEUP);
        assertEquals("lost wakeup: thread waiter sleeps forever on \"sc_ready\", whose wakeup by thread waker came"
                + " before the sleep @ Driver.java:31\nwakeup by thread waker @ Driver.java:37", f.message());
        assertEquals(List.of("Driver.java:31", "Driver.java:37"), f.sites());
        assertEquals(2, f.stacks().size(), f.stacks()::toString);
        assertEquals("sleeping at:", f.stacks().get(0).title());
        assertEquals(List.of("com.example.Driver.await(Driver.java:31)"), f.stacks().get(0).frames(),
                "the model's and the JDK's frames are filtered");
        assertEquals("wakeup with no sleeper at:", f.stacks().get(1).title());
        assertTrue(!f.stacks().get(1).frames().isEmpty(), "the waker's stack, captured when it woke no one");
        assertEquals(List.of("waiter", "waker"), f.threads());
    }

    @Test
    void aLaterWakeupOfAnotherStep_orOfAnotherThread_isNotNamedAsTheWaker() {
        WitnessThread waker = sim.thread("waker");
        sim.w.noSleeper(waker, "sc_ready", 41, sim.site("Driver.java", 37));
        sim.w.lostWakeup("sc_ready", "waiter", "waker", 99, sim.site("Driver.java", 31), SLEEPER);
        Finding f = sim.only(Rule.LOST_WAKEUP);
        assertEquals(List.of("Driver.java:31"), f.sites());
        assertEquals(List.of("sleeping at:"), f.stacks().stream().map(Backtrace::title).toList());
    }

    @Test
    void resetForgetsTheWakers() {
        WitnessThread waker = sim.thread("waker");
        sim.w.noSleeper(waker, "sc_ready", 41, sim.site("Driver.java", 37));
        sim.w.reset();
        sim.w.lostWakeup("sc_ready", "waiter", "waker", 41, sim.site("Driver.java", 31), List.of());
        assertEquals(List.of("Driver.java:31"), sim.only(Rule.LOST_WAKEUP).sites());
    }
}
