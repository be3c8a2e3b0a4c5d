package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lockwitness.testprograms.MtxLoop;

/**
 * Issue 21: the model's {@code Mtx} lock/unlock loop under the agent allocates exactly nothing on
 * the kernel thread once warm: not the probes, not the witness's fast path for an order it has
 * seen, not the model's scheduling points and hardclock ticks. The program is
 * {@code org.lockwitness.testprograms.MtxLoop}; the allocation counter is the JVM's own
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}). The program measures several
 * windows one after the other, and one of them must allocate exactly nothing: the JVM may charge a
 * window bytes of its own while it still compiles (the program's comment says which), but an
 * allocation on the path of a pair recurs in every window.
 */
class MtxAllocationIT {

    private static final int PAIRS = 300_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mtxLoopUnderTheAgent_allocatesZeroBytesAfterWarmUp() throws Exception {
        Path dir = Forked.dir("mtx-allocation");
        Forked f = Forked.run(dir, List.of(Forked.FULL_JIT, Forked.agent(dir, "")), true,
                "org.lockwitness.testprograms.MtxLoop",
                String.valueOf(PAIRS));
        assertEquals(0, f.await(), f.stderr());
        String out = f.stdout();
        assertTrue(out.contains("status COMPLETED"), out);
        int trace = Integer.parseInt(out.lines().filter(l -> l.startsWith("trace ")).findFirst().orElseThrow()
                .substring("trace ".length()).trim());
        assertTrue(trace <= 8_192, "the decision trace outgrew its warm array in the windows: " + out);
        assertEquals(MtxLoop.WINDOWS, out.lines().filter(l -> l.startsWith("window ")).count(), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("window \\d+: allocated 0 bytes over " + PAIRS + " pairs")), out);
        assertEquals(0, f.json().getAsJsonArray("findings").size(), "a clean loop, and no checker fault: "
                + f.json().getAsJsonArray("findings"));
        long events = f.json().getAsJsonObject("instrumentation").get("eventsSeen").getAsLong();
        assertTrue(events >= 4L * PAIRS, "the probes did not run: " + events + " events");
    }
}
