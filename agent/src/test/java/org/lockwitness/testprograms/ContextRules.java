package org.lockwitness.testprograms;

import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.probe.Requires;

/**
 * Context rules: {@code filter} takes a sleep mutex in a device interrupt filter;
 * {@code tsleep} sleeps with a spin mutex held; {@code requires} calls a {@code @Requires("Giant")}
 * method with and without Giant.
 */
public final class ContextRules {

    private static volatile boolean fired;

    private ContextRules() {
    }

    public static void main(String[] args) {
        RunResult r = switch (args[0]) {
            case "filter" -> filter();
            case "tsleep" -> tsleep();
            default -> requires();
        };
        System.out.println("ran " + r.status());
    }

    private static RunResult filter() {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx sleepy = new Mtx("filter mutex", Mtx.DEF);
        InterruptSource dev = m.interruptSource("dev", 0, KThread.PI_NET);
        dev.addHandler("dev filter", () -> {
            sleepy.lock(); // SITE:FILTER
            sleepy.unlock();
            fired = true;
            return Filter.FILTER_HANDLED;
        }, null, InterruptSource.INTR_MPSAFE);
        m.spawn("raiser", KThread.PRI_MIN_KERN, () -> {
            dev.raise();
            for (int i = 0; i < 1000 && !fired; i++) {
                Machine.window();
            }
        });
        return m.run(100_000);
    }

    private static RunResult requires() {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        m.spawn("caller", KThread.PRI_MIN_KERN, () -> {
            m.giant().lock();
            needsGiant();
            m.giant().unlock();
            needsGiant();
        });
        return m.run(100_000);
    }

    @Requires("Giant")
    private static void needsGiant() {
        Machine.window(); // SITE:REQUIRES
    }

    private static RunResult tsleep() {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx spin = new Mtx("held spin", Mtx.SPIN);
        m.spawn("sleeper", KThread.PRI_MIN_KERN, () -> {
            spin.lockSpin();
            Synch.tsleep(spin, 0, "nap", 1); // SITE:TSLEEP
            spin.unlockSpin();
        });
        return m.run(100_000);
    }
}
