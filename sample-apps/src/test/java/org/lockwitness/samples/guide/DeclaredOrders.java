package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Sx;

/** Guide, "Declared orders and blessed pairs". */
public final class DeclaredOrders {

    private DeclaredOrders() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Sx proctree = new Sx("proctree", 0);
        Sx allproc = new Sx("allproc", 0);
        m.spawn("wait4", KThread.PRI_MIN_KERN, () -> {
            Sx first = buggy ? allproc : proctree;
            Sx second = buggy ? proctree : allproc;
            first.xlock();
            second.xlock();
            second.xunlock();
            first.xunlock();
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, DeclaredOrders::run);
    }
}
