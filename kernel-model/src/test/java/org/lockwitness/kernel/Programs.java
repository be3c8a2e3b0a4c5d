package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

/** Shared helpers for model tests. */
final class Programs {

    static final long LIMIT = 2_000_000;

    private Programs() {
    }

    static MachineBuilder machine(int cpus, long seed) {
        return Machine.builder().cpus(cpus).seed(seed).wallClockLimit(Duration.ofSeconds(30));
    }

    static RunResult runToCompletion(Machine m) {
        RunResult r = m.run(LIMIT);
        assertEquals(RunResult.Status.COMPLETED, r.status(), () -> r + causeOf(r));
        return r;
    }

    private static String causeOf(RunResult r) {
        if (r.cause() == null) {
            return "";
        }
        java.io.StringWriter w = new java.io.StringWriter();
        r.cause().printStackTrace(new java.io.PrintWriter(w));
        return "\n" + w;
    }

    /** Loops through windows until {@code done} says so. */
    static void spinUntil(java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            Machine.window();
        }
    }
}
