package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;

/** Guide, "Spin and sleep mutexes". */
public final class SpinAndSleepMutexes {

    private SpinAndSleepMutexes() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Mtx stats = new Mtx("if stats", Mtx.SPIN);
        Mtx softc = new Mtx("em0", Mtx.DEF);
        m.spawn("em0 ioctl", KThread.PRI_MIN_KERN, () -> {
            if (buggy) {
                stats.lockSpin();
                softc.lock();              // a sleep mutex under a spin mutex
                softc.unlock();
                stats.unlockSpin();
            } else {
                softc.lock();              // sleep mutexes outside,
                stats.lockSpin();          // spin mutexes innermost
                stats.unlockSpin();
                softc.unlock();
            }
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, SpinAndSleepMutexes::run);
    }
}
