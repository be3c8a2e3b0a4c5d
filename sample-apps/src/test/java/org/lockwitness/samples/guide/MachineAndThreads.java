package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;

/** Guide, "Machine and threads": two threads, two sleep mutexes, the classic AB/BA deadlock. */
public final class MachineAndThreads {

    private MachineAndThreads() {
    }

    /**
     * @param buggy whether "ba" takes the mutexes in the reverse order
     * @return how the run ended: HUNG when buggy (deadlock), COMPLETED when fixed
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(49).wallClockLimit(Duration.ofSeconds(30)).build();
        Mtx a = new Mtx("a", Mtx.DEF);
        Mtx b = new Mtx("b", Mtx.DEF);
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lock();
            b.lock();
            b.unlock();
            a.unlock();
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            Mtx first = buggy ? b : a;
            Mtx second = buggy ? a : b;
            first.lock();
            second.lock();
            second.unlock();
            first.unlock();
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, MachineAndThreads::run);
    }
}
