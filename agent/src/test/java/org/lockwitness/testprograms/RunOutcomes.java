package org.lockwitness.testprograms;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;

/**
 * One machine per way a run ends, each built with its own seed ({@code 41 + n}) and never
 * described to the checker: completed, hung (a sleep nobody ends), step limit (a loop of windows),
 * halted by a panic that a finding explains (an unlock of a mutex nobody owns), halted by a panic
 * nothing explains (a lock of a destroyed mutex). Prints each outcome.
 */
public final class RunOutcomes {

    private RunOutcomes() {
    }

    public static void main(String[] args) {
        print(run(1, m -> m.spawn("ok", KThread.PRI_MIN_KERN, Machine::window), 100_000));
        print(run(2, m -> m.spawn("sleeper", KThread.PRI_MIN_KERN,
                () -> Synch.tsleep("never", 0, "forever", 0)), 100_000));
        print(run(3, m -> m.spawn("looper", KThread.PRI_MIN_KERN, () -> {
            for (;;) {
                Machine.window();
            }
        }), 10_000));
        Mtx unowned = new Mtx("unowned mutex", Mtx.DEF);
        print(run(4, m -> m.spawn("unlocker", KThread.PRI_MIN_KERN, () -> {
            unowned.unlock(); // SITE:unowned
        }), 100_000));
        Mtx destroyed = new Mtx("destroyed mutex", Mtx.DEF);
        print(run(5, m -> m.spawn("locker", KThread.PRI_MIN_KERN, () -> {
            destroyed.destroy();
            destroyed.lock(); // SITE:destroyed
        }), 100_000));
    }

    private static RunResult run(int n, java.util.function.Consumer<Machine> program, long steps) {
        Machine m = Machine.builder().cpus(2).seed(41 + n).wallClockLimit(Duration.ofSeconds(30)).build();
        program.accept(m);
        return m.run(steps);
    }

    private static void print(RunResult r) {
        System.out.println(r.status() + ": " + r.reason());
    }
}
