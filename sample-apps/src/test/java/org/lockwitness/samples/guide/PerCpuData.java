package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Pcpu;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Sched;

/** Guide, "Per-CPU data". */
public final class PerCpuData {

    private PerCpuData() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Pcpu<long[]> packets = new Pcpu<>(m, "packets", cpu -> new long[1]);
        m.spawn("sender", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < 10; i++) {
                if (buggy) {
                    packets.get()[0]++;        // this CPU now, maybe another one at the next line
                } else {
                    Sched.pin();
                    packets.get()[0]++;
                    Sched.unpin();
                }
            }
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, PerCpuData::run);
    }
}
