package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.Requires;

/** Guide, "Required locks". */
public final class RequiredLocks {

    private RequiredLocks() {
    }

    // snippet:softc
    static final class Softc {
        final Mtx mtx = new Mtx("em0", Mtx.DEF);
        int queued;

        @Requires("em0")
        void start() {                 // if_start: called with the driver's mutex held
            queued++;
        }
    }
    // end

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Softc sc = new Softc();
        m.spawn("em0 watchdog", KThread.PRI_MIN_KERN, () -> {
            if (buggy) {
                sc.start();
            } else {
                sc.mtx.lock();
                sc.start();
                sc.mtx.unlock();
            }
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, RequiredLocks::run);
    }
}
