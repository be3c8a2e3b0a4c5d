package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.Shared;

/** Guide, "Interrupt windows in your own code". */
public final class KernelCodeWindows {

    private KernelCodeWindows() {
    }

    // snippet:disk
    @KernelCode
    static final class Disk {
        final Mtx mtx = new Mtx("disk", Mtx.DEF);
        @Shared
        boolean done;                  // set by the interrupt thread, tested by the waiter

        void biodone() {               // the ithread part of the interrupt
            mtx.lock();
            done = true;
            Synch.wakeup(this);
            mtx.unlock();
        }

        void biowait(boolean buggy) {
            if (buggy) {
                if (!done) {           // the interrupt may come right after this test
                    Synch.tsleep(this, 0, "biowait", 0);
                }
            } else {
                mtx.lock();
                while (!done) {
                    Synch.msleep(this, mtx, 0, "biowait", 0);
                }
                mtx.unlock();
            }
        }
    }
    // end

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(1).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        Disk disk = new Disk();
        InterruptSource ata = m.interruptSource("ata0", 0, KThread.PRI_MIN_ITHD + 20);  // PI_DISK
        ata.addHandler("ata0", () -> Filter.FILTER_SCHEDULE_THREAD, disk::biodone, InterruptSource.INTR_MPSAFE);
        m.spawn("dd", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < 20; i++) {
                disk.done = false;
                ata.raise();                   // start the I/O
                disk.biowait(buggy);
            }
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, KernelCodeWindows::run);
    }
}
