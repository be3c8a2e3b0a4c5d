package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;

/** Guide, "tsleep, msleep and wakeup". */
public final class SleepAndWakeup {

    private SleepAndWakeup() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        class Softc {
            final Mtx mtx = new Mtx("softc", Mtx.DEF);
            boolean ready;
        }
        Softc sc = new Softc();
        m.spawn("consumer", KThread.PRI_MIN_KERN, () -> {
            sc.mtx.lock();
            while (!sc.ready) {
                if (buggy) {
                    Synch.tsleep(sc, 0, "ready", 0);           // asleep with the mutex held
                } else {
                    Synch.msleep(sc, sc.mtx, 0, "ready", 0);   // drops it once asleep, retakes it
                }
            }
            sc.mtx.unlock();
        });
        m.spawn("producer", KThread.PRI_MIN_KERN, () -> {
            Synch.pause("produce", 1);
            sc.mtx.lock();
            sc.ready = true;
            Synch.wakeup(sc);
            sc.mtx.unlock();
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, SleepAndWakeup::run);
    }
}
