package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.Callout;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;

/** Guide, "Callouts". */
public final class Callouts {

    private Callouts() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Mtx txq = new Mtx("txq", Mtx.DEF);
        Mtx state = new Mtx("state", Mtx.DEF);
        Callout watchdog = new Callout(m, txq, Callout.CALLOUT_RETURNUNLOCKED);   // runs with txq held
        Runnable timeout = () -> {
            if (!buggy) {
                txq.unlock();               // drop the queue before the state mutex
            }
            state.lock();
            state.unlock();
            if (buggy) {
                txq.unlock();
            }
        };
        m.spawn("ifconfig", KThread.PRI_MIN_KERN, () -> {
            txq.lock();
            watchdog.reset(1, timeout);     // in one tick, on the softclock thread
            txq.unlock();
            Synch.pause("wait", 2);
            state.lock();                   // the ioctl path: state, then the queue
            txq.lock();
            txq.unlock();
            state.unlock();
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, Callouts::run);
    }
}
