package org.lockwitness.testprograms;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;

/**
 * ABBA across two kernel threads on one CPU, so they run one after the other and never deadlock.
 * The lines marked {@code SITE:} are the sites the tests expect in the report. Modes (first
 * argument): none, {@code exit3} and {@code exit0} (end with {@code System.exit(3)}, {@code System.exit(0)}), {@code hang} (stays alive after
 * the run), {@code attach} (waits for a line on stdin before the run), {@code twice} (a second
 * machine after the first, on the same CPU numbers).
 */
public final class Abba {

    private Abba() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        if (mode.equals("attach")) {
            System.out.println("waiting " + ProcessHandle.current().pid());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        RunResult r = run();
        if (mode.equals("twice")) {
            r = run();
        }
        System.out.println("ran " + r.status());
        System.out.flush();
        if (mode.equals("exit3")) {
            System.exit(3);
        }
        if (mode.equals("exit0")) {
            System.exit(0);
        }
        if (mode.equals("hang")) {
            Thread.sleep(60_000);
        }
    }

    static RunResult run() {
        Mtx a = new Mtx("A", Mtx.DEF);
        Mtx b = new Mtx("B", Mtx.DEF);
        Machine m = Machine.builder().cpus(1).seed(1).build();
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lock();
            b.lock(); // SITE:AB
            b.unlock();
            a.unlock();
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.lock(); // SITE:BA-B
            a.lock(); // SITE:BA-A
            a.unlock();
            b.unlock();
        });
        return m.run(100_000);
    }
}
