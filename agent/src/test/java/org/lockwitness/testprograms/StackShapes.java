package org.lockwitness.testprograms;

import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.LockWrapper;

/**
 * What stacks and sites show (issue 18): {@code filter} takes a sleep mutex in a device interrupt
 * filter, whose stack must show the interrupt's boundary between the filter's frames and the
 * raiser's; {@code wrapper} reverses two mutexes, one of them taken through a
 * {@code @LockWrapper}, whose caller's lines must be the sites.
 */
public final class StackShapes {

    private static volatile boolean fired;

    private StackShapes() {
    }

    public static void main(String[] args) {
        RunResult r = args[0].equals("filter") ? filter() : wrapper();
        System.out.println("ran " + r.status());
    }

    private static RunResult filter() {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx sleepy = new Mtx("filter mutex", Mtx.DEF);
        InterruptSource dev = m.interruptSource("dev", 0, KThread.PI_NET);
        dev.addHandler("dev filter", () -> {
            sleepy.lock(); // SITE:FILTER
            sleepy.unlock();
            fired = true;
            return Filter.FILTER_HANDLED;
        }, null, InterruptSource.INTR_MPSAFE);
        m.spawn("raiser", KThread.PRI_MIN_KERN, () -> {
            dev.raise();
            for (int i = 0; i < 1000 && !fired; i++) {
                Machine.window(); // SITE:RAISER
            }
        });
        return m.run(100_000);
    }

    private static RunResult wrapper() {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Mtx a = new Mtx("wrapped", Mtx.DEF);
        Mtx b = new Mtx("direct", Mtx.DEF);
        m.spawn("reverser", KThread.PRI_MIN_KERN, () -> {
            lock(a); // SITE:FIRST
            b.lock();
            b.unlock();
            unlock(a);
            b.lock(); // SITE:DIRECT
            lock(a); // SITE:SECOND
            unlock(a);
            b.unlock();
        });
        return m.run(100_000);
    }

    /** A {@code PROC_LOCK}-like macro. */
    @LockWrapper
    private static void lock(Mtx mtx) {
        mtx.lock(); // SITE:WRAPPER
    }

    @LockWrapper
    private static void unlock(Mtx mtx) {
        mtx.unlock();
    }
}
