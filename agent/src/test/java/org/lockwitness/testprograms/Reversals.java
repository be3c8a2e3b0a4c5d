package org.lockwitness.testprograms;

import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;

/**
 * Keeps finding new lock-order reversals: round i runs a one-CPU machine whose two kernel threads
 * take two fresh locks, "a i" and "b i", in opposite orders. Arguments: the number of rounds
 * ({@code forever} runs until the JVM is killed), then optionally a status for
 * {@code System.exit}; without one, {@code main} returns. Prints {@code round 1} after the first
 * round and {@code done N} at the end.
 */
public final class Reversals {

    private Reversals() {
    }

    public static void main(String[] args) {
        long rounds = args[0].equals("forever") ? Long.MAX_VALUE : Long.parseLong(args[0]);
        for (long i = 1; i <= rounds; i++) {
            round(i);
            if (i == 1) {
                System.out.println("round 1");
                System.out.flush();
            }
        }
        System.out.println("done " + rounds);
        System.out.flush();
        if (args.length > 1) {
            System.exit(Integer.parseInt(args[1]));
        }
    }

    private static void round(long i) {
        Mtx a = new Mtx("a " + i, Mtx.DEF);
        Mtx b = new Mtx("b " + i, Mtx.DEF);
        Machine m = Machine.builder().cpus(1).seed(i).build();
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lock();
            b.lock();
            b.unlock();
            a.unlock();
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.lock();
            a.lock();
            a.unlock();
            b.unlock();
        });
        m.run(100_000);
    }
}
