package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Rw;
import org.lockwitness.kernel.Sx;

/** Guide, "Sx and rw locks". */
public final class SxAndRw {

    private SxAndRw() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Sx config = new Sx("if config", 0);
        Rw table = new Rw("route table", 0);
        m.spawn("route add", KThread.PRI_MIN_KERN, () -> {
            if (buggy) {
                table.wlock();
                config.xlock();            // sleepable after non-sleepable
                config.xunlock();
                table.wunlock();
            } else {
                config.xlock();
                table.wlock();
                table.wunlock();
                config.xunlock();
            }
        });
        m.spawn("route lookup", KThread.PRI_MIN_KERN, () -> {
            config.slock();
            table.rlock();
            table.runlock();
            config.sunlock();
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, SxAndRw::run);
    }
}
