package org.lockwitness.kernel;

/**
 * A small demonstration of the model without the agent: a deterministic run replayed from its seed,
 * a deadlock the model names, and a lost wakeup it detects.
 *
 * <p>Thread-safety: a command-line program.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demonstration.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        RunResult a = contended(42);
        RunResult b = contended(42);
        System.out.printf("deterministic: seed 42 twice -> %s and %s, identical: %s%n", a.trace(), b.trace(),
                a.trace().equals(b.trace()));
        System.out.println(abba());
        System.out.println(lostWakeup());
    }

    private static RunResult contended(long seed) {
        Machine m = Machine.builder().cpus(2).seed(seed).build();
        Mtx mtx = new Mtx("counter", Mtx.DEF);
        for (int t = 0; t < 3; t++) {
            m.spawn("worker" + t, KThread.PRI_MIN_KERN, () -> {
                for (int i = 0; i < 100; i++) {
                    mtx.lock();
                    Machine.window();
                    mtx.unlock();
                }
            });
        }
        return m.run(1_000_000);
    }

    private static RunResult abba() {
        Machine m = Machine.builder().cpus(2).seed(1).build();
        Mtx a = new Mtx("lock a", Mtx.DEF);
        Mtx b = new Mtx("lock b", Mtx.DEF);
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lock();
            Synch.pause("hold", 1);
            b.lock();
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.lock();
            Synch.pause("hold", 1);
            a.lock();
        });
        return m.run(1_000_000);
    }

    private static RunResult lostWakeup() {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx mtx = new Mtx("state", Mtx.DEF);
        boolean[] ready = new boolean[1];
        m.spawn("sleeper", KThread.PRI_MIN_KERN, () -> {
            mtx.lock();
            boolean wait = !ready[0];
            mtx.unlock();
            Sched.yield();
            if (wait) {
                Synch.tsleep("ready", 0, "wait", 0);
            }
        });
        m.spawn("waker", KThread.PRI_MIN_KERN, () -> {
            mtx.lock();
            ready[0] = true;
            mtx.unlock();
            Synch.wakeup("ready");
        });
        return m.run(1_000_000);
    }
}
