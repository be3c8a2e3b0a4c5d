package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.GroupTask;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.Task;
import org.lockwitness.kernel.TaskqGroup;
import org.lockwitness.kernel.Taskqueue;

/** Guide, "Taskqueues and grouptasks". */
public final class Taskqueues {

    private Taskqueues() {
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
        Taskqueue tq = new Taskqueue(m, "em0", false);              // guarded by a sleep mutex
        tq.startThreads(1, KThread.PI_NET, -1);
        Task rxTask = new Task("em0 rx", rxeof);
        TaskqGroup ioGroup = new TaskqGroup(m, "if_io_tqg", 2, KThread.PI_SOFT);
        GroupTask rxGroupTask = new GroupTask("em0 rx", rxeof);
        rxGroupTask.attach(ioGroup, 0);
        InterruptSource nic = m.interruptSource("em0", 0, KThread.PI_NET);
        nic.addHandler("em0", () -> {
            if (buggy) {
                tq.enqueue(rxTask);             // an ordinary taskqueue from a filter
            } else {
                rxGroupTask.enqueue();          // a grouptask takes only a spin mutex
            }
            return Filter.FILTER_HANDLED;
        }, null, InterruptSource.INTR_MPSAFE);
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
        GuideMain.main(args, Taskqueues::run);
    }
}
