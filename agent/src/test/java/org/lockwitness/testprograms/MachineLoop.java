package org.lockwitness.testprograms;

import java.time.Duration;
import java.util.Locale;
import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Sched;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.ScheduleInfo;

/**
 * Many machines back to back in one JVM, as {@code explore} and test suites run them. Each machine
 * has workers that contend for a sleep mutex (turnstiles, the sched lock, the turnstile chain) and
 * a spin mutex and yield, a device whose filter schedules its ithread, and a daemon that never
 * ends: when the workers are done the run completes while the daemon (in PARALLEL mode, on another
 * CPU) is anywhere, its spin locks included. Arguments: {@code parallel|deterministic MACHINES
 * reset|keep [ROUNDS]}; with {@code reset} the checker is reset before each machine, as
 * {@code explore} does; each worker does ROUNDS rounds (default 20). Prints
 * {@code machines N: OUTCOME=count ...} and exits.
 */
public final class MachineLoop {

    private static final int WORKERS = 3;

    private MachineLoop() {
    }

    public static void main(String[] args) {
        Machine.Mode mode = Machine.Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
        int machines = Integer.parseInt(args[1]);
        boolean reset = args[2].equals("reset");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Checker checker = Checker.installed();
        int[] outcomes = new int[RunResult.Status.values().length];
        for (int i = 1; i <= machines; i++) {
            if (reset) {
                checker.reset();
            }
            checker.runInfo(new ScheduleInfo("MachineLoop " + args[0], i, "random",
                    "MachineLoop " + args[0] + " seed " + i, i));
            outcomes[runOnce(mode, i, rounds).status().ordinal()]++;
        }
        StringBuilder b = new StringBuilder("machines " + machines + ":");
        for (RunResult.Status s : RunResult.Status.values()) {
            b.append(' ').append(s).append('=').append(outcomes[s.ordinal()]);
        }
        System.out.println(b);
    }

    static RunResult runOnce(Machine.Mode mode, long seed, int rounds) {
        Machine m = Machine.builder().cpus(3).seed(seed).mode(mode).wallClockLimit(Duration.ofSeconds(30)).build();
        Mtx sleep = new Mtx("loop sleep mutex", Mtx.DEF);
        Mtx spin = new Mtx("loop spin mutex", Mtx.SPIN);
        InterruptSource dev = m.interruptSource("loop dev", 1, KThread.PI_NET);
        dev.addHandler("loop dev", () -> Filter.FILTER_SCHEDULE_THREAD, () -> {
            spin.lockSpin();
            spin.unlockSpin();
        }, InterruptSource.INTR_MPSAFE);
        for (int w = 0; w < WORKERS; w++) {
            m.spawn("worker " + w, KThread.PRI_MIN_KERN, () -> {
                for (int k = 0; k < rounds; k++) {
                    sleep.lock();
                    spin.lockSpin();
                    spin.unlockSpin();
                    sleep.unlock();
                    dev.raise();
                    Sched.yield();
                }
            });
        }
        m.spawnDaemon("daemon", KThread.PRI_MIN_KERN, () -> {
            for (;;) {
                spin.lockSpin();
                spin.unlockSpin();
                Synch.pause("daemon", 1);
            }
        });
        return m.run(1_000_000);
    }
}
