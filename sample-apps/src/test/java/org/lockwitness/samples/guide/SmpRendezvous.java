package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Smp;

/** Guide, "SMP rendezvous". */
public final class SmpRendezvous {

    private SmpRendezvous() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Mtx pmap = new Mtx("pmap", Mtx.DEF);
        Mtx tlbStats = new Mtx("tlb stats", Mtx.SPIN);
        Runnable invalidate = () -> {          // runs on every CPU, in the IPI handler on the others
            if (buggy) {
                pmap.lock();
                pmap.unlock();
            } else {
                tlbStats.lockSpin();
                tlbStats.unlockSpin();
            }
        };
        m.spawn("pmap remove", KThread.PRI_MIN_KERN, () -> Smp.rendezvous(null, invalidate, null)).bindTo(0);
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, SmpRendezvous::run);
    }
}
