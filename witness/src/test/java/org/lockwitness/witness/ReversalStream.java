package org.lockwitness.witness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The program {@link ReportKillTest} kills: a witness with a 1 ms debounce that finds a new
 * lock-order reversal every millisecond or so (each between two fresh locks, so every write has
 * more findings and more cycle files than the last), then stays alive until it is killed. It says
 * {@link #STARTED} once the first report is written.
 */
final class ReversalStream {
    static final String STARTED = "started";
    static final int REVERSALS = 300;

    private ReversalStream() {
    }

    public static void main(String[] args) throws InterruptedException {
        Sim sim = new Sim(WitnessOptions.builder().reportDir(Path.of(args[0])).debounceMillis(1).build());
        WitnessThread t = sim.thread("stream");
        for (int i = 0; i < REVERSALS; i++) {
            Sim.Lock a = sim.lock("a" + i, LockKind.SLEEP_MUTEX);
            Sim.Lock b = sim.lock("b" + i, LockKind.SLEEP_MUTEX);
            sim.pair(t, a, b);
            sim.pair(t, b, a);
            if (i == 0) {
                awaitFirstWrite(Path.of(args[0], "witness.json"));
                System.out.println(STARTED);
                System.out.flush();
            }
            Thread.sleep(1);
        }
        Thread.sleep(60_000);
    }

    private static void awaitFirstWrite(Path json) throws InterruptedException {
        for (int i = 0; i < 1000 && !Files.exists(json); i++) {
            Thread.sleep(5);
        }
    }
}
