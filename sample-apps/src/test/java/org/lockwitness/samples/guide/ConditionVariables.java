package org.lockwitness.samples.guide;

import java.time.Duration;
import org.lockwitness.kernel.Cv;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Synch;

/** Guide, "Condition variables". */
public final class ConditionVariables {

    private ConditionVariables() {
    }

    /**
     * @param buggy whether to run the buggy form
     * @return how the run ended
     */
    public static RunResult run(boolean buggy) {
        // snippet:body
        Machine m = Machine.builder().cpus(2).seed(1).wallClockLimit(Duration.ofSeconds(30)).build();
        class PolicyList {
            final Mtx mtx = new Mtx("mac policy list", Mtx.DEF);
            final Cv notBusy = new Cv("mac_policy_list_not_busy");
            int busy = 1;
        }
        PolicyList list = new PolicyList();
        Mtx proc = new Mtx("process lock", Mtx.DEF);
        m.spawn("kldload", KThread.PRI_MIN_KERN, () -> {
            if (buggy) {
                proc.lock();                      // held across the wait below
            }
            list.mtx.lock();
            while (list.busy > 0) {
                list.notBusy.wait(list.mtx);
            }
            list.mtx.unlock();
            if (buggy) {
                proc.unlock();
            }
        });
        m.spawn("label check", KThread.PRI_MIN_KERN, () -> {
            Synch.pause("check", 1);
            list.mtx.lock();
            list.busy--;
            list.notBusy.broadcast();
            list.mtx.unlock();
        });
        return m.run(1_000_000);
        // end
    }

    /** @param args {@code buggy} or {@code fixed} */
    public static void main(String[] args) {
        GuideMain.main(args, ConditionVariables::run);
    }
}
