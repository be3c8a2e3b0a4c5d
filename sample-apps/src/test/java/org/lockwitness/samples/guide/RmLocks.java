package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RmLock;
import org.lockwitness.kernel.RmTracker;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;

/** Guide, "Read-mostly locks". */
public final class RmLocks {

    private RmLocks() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        RmLock hooks = new RmLock("pfil hooks", 0);
        m.spawn("netisr", KThread.PRI_MIN_KERN, () -> {
            RmTracker tracker = new RmTracker();
            for (int i = 0; i < 3; i++) {
                hooks.rlock(tracker);
                if (buggy) {
                    Synch.pause("pfilhk", 1);    // a sleep in an rm read section
                }
                hooks.runlock(tracker);
            }
        }).bindTo(0);
        m.spawn("pfil add", KThread.PRI_MIN_KERN, () -> {
            hooks.wlock();                     // recalls the readers by SMP rendezvous
            hooks.wunlock();
        }).bindTo(1);
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, RmLocks::run);
    }
}
