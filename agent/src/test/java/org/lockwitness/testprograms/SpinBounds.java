package org.lockwitness.testprograms;

import java.time.Duration;
import java.util.Locale;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;

/**
 * A spin mutex held while other CPUs are busy, and spun on meanwhile, on a 3-CPU machine: CPU 0
 * takes it and then works HOLD windows (DETERMINISTIC) or waits 300 ms on the host, taking no
 * scheduling point (PARALLEL); CPU 1 runs a loop of windows; CPU 2 spins on the mutex until CPU 0
 * drops it. The machine takes far more scheduling points while the mutex is held than the holder
 * and the spinner take themselves. Arguments: {@code deterministic|parallel [HOLD]}, HOLD
 * {@value #HOLD_WINDOWS} by default.
 */
public final class SpinBounds {

    static final int HOLD_WINDOWS = 60_000;
    private static final int BUSY_WINDOWS = 200_000;
    private static final long HOST_WAIT_NANOS = 300_000_000L;

    private static volatile boolean held;
    private static volatile boolean released;

    private SpinBounds() {
    }

    public static void main(String[] args) {
        Machine.Mode mode = Machine.Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
        int hold = args.length > 1 ? Integer.parseInt(args[1]) : HOLD_WINDOWS;
        Machine m = Machine.builder().cpus(3).seed(7).mode(mode).wallClockLimit(Duration.ofSeconds(30)).build();
        Mtx spin = new Mtx("bounded spin", Mtx.SPIN);
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            spin.lockSpin();
            held = true;
            if (mode == Machine.Mode.DETERMINISTIC) {
                for (int i = 0; i < hold; i++) {
                    Machine.window();
                }
            } else {
                long until = System.nanoTime() + HOST_WAIT_NANOS;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            spin.unlockSpin();
        }).bindTo(0);
        m.spawn("busy", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < BUSY_WINDOWS && !released; i++) {
                Machine.window();
            }
        }).bindTo(1);
        m.spawn("spinner", KThread.PRI_MIN_KERN, () -> {
            while (!held) {
                Machine.window();
            }
            spin.lockSpin();
            spin.unlockSpin();
            released = true;
        }).bindTo(2);
        RunResult r = m.run(5_000_000);
        System.out.println(r.status() + " after " + r.steps() + " scheduling points");
    }
}
