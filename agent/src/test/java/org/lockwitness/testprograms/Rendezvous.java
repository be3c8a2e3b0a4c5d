package org.lockwitness.testprograms;

import java.util.Locale;
import org.lockwitness.kernel.Critical;
import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Smp;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.ScheduleInfo;

/**
 * The r222254 race (seeds 000/001), written against the model's API with no window placed by
 * hand: on CPU 0 a reader loops over critical sections and raises a device interrupt whose
 * ithread is more urgent, so it owes a preemption when its critical section ends; on CPU 1 an
 * initiator keeps running {@code smp_rendezvous} with an action that takes and releases a spin
 * mutex. Arguments: {@code historical|fixed FIRST LAST}; runs seeds FIRST..LAST and stops at the
 * first one where the checker reports {@code PREEMPT_IN_RENDEZVOUS}.
 */
public final class Rendezvous {

    static final String RULE = "PREEMPT_IN_RENDEZVOUS";
    private static final int CRITICAL_SECTIONS = 40;

    private static volatile boolean readerDone;

    private Rendezvous() {
    }

    public static void main(String[] args) {
        Machine.RendezvousAction action = Machine.RendezvousAction.valueOf(args[0].toUpperCase(Locale.ROOT));
        long first = Long.parseLong(args[1]);
        long last = Long.parseLong(args[2]);
        Checker checker = Checker.installed();
        for (long seed = first; seed <= last; seed++) {
            checker.reset();
            checker.runInfo(new ScheduleInfo("Rendezvous " + args[0] + " " + first + " " + last, seed, "random",
                    "Rendezvous " + args[0] + " " + seed + " " + seed, (int) (seed - first + 1)));
            RunResult r = runOnce(action, seed);
            if (checker.findings().stream().anyMatch(f -> f.rule().equals(RULE))) {
                System.out.println("found " + RULE + " with seed " + seed + " after " + (seed - first + 1)
                        + " seeds; run " + r.status());
                return;
            }
        }
        System.out.println("no " + RULE + " in seeds " + first + ".." + last);
    }

    static RunResult runOnce(Machine.RendezvousAction action, long seed) {
        readerDone = false;
        Machine m = Machine.builder().cpus(2).seed(seed).rendezvousAction(action).build();
        Mtx spin = new Mtx("rendezvous action lock", Mtx.SPIN);
        InterruptSource nic = m.interruptSource("nic", 0, KThread.PI_NET);
        nic.addHandler("nic", () -> Filter.FILTER_SCHEDULE_THREAD, () -> { }, InterruptSource.INTR_MPSAFE);
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < CRITICAL_SECTIONS; i++) {
                Critical.enter();
                nic.raise();
                Critical.exit();
            }
            readerDone = true;
        }).bindTo(0);
        m.spawn("initiator", KThread.PRI_MIN_KERN, () -> {
            while (!readerDone) {
                Smp.rendezvous(null, () -> {
                    spin.lockSpin();
                    spin.unlockSpin();
                }, null);
            }
        }).bindTo(1);
        return m.run(5_000_000);
    }
}
