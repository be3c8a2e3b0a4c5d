package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;

/** Guide, "Interrupt sources, filters and ithreads". */
public final class InterruptFilters {

    private InterruptFilters() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        class Ring {
            final Mtx mtx = new Mtx("rx ring", Mtx.DEF);
            int packets;
        }
        Ring ring = new Ring();
        Runnable rxeof = () -> {
            ring.mtx.lock();
            ring.packets++;
            Synch.wakeup(ring);
            ring.mtx.unlock();
        };
        InterruptSource nic = m.interruptSource("nic0", 0, KThread.PI_NET);    // routed to CPU 0
        if (buggy) {
            nic.addHandler("nic0", () -> {                                     // the filter
                rxeof.run();                                                   // a sleep mutex in it
                return Filter.FILTER_HANDLED;
            }, null, InterruptSource.INTR_MPSAFE);
        } else {
            nic.addHandler("nic0", () -> Filter.FILTER_SCHEDULE_THREAD, rxeof, InterruptSource.INTR_MPSAFE);
        }
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            nic.raise();
            ring.mtx.lock();
            while (ring.packets == 0) {
                Synch.msleep(ring, ring.mtx, 0, "rxwait", 0);
            }
            ring.mtx.unlock();
        }).bindTo(1);
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, InterruptFilters::run);
    }
}
