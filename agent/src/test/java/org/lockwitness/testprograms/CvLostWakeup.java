package org.lockwitness.testprograms;

import org.lockwitness.kernel.Cv;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.KernelCode;

/**
 * A lost wakeup behind an interlock, over seeds 1..N: the waiter checks a flag under the cv's
 * mutex and waits; the waker sets the flag and signals, without the mutex ({@code buggy}) or
 * with it ({@code fixed}). Under {@code windows=lines} every line of {@link Handshake} is a window,
 * so an interrupt may land between the check and {@code cv_wait}. Prints how many runs completed
 * and how many hung.
 */
public final class CvLostWakeup {

    private CvLostWakeup() {
    }

    /** The waiter's check and wait and the waker's signal, as a driver would write them. */
    @KernelCode
    static final class Handshake {
        final Mtx mtx = new Mtx("sc_mtx", Mtx.DEF);
        final Cv cv = new Cv("sc_ready");
        boolean ready;

        void await() {
            mtx.lock();
            while (!ready) {
                cv.wait(mtx); // SITE:WAIT
            }
            mtx.unlock();
        }

        void postUnlocked() {
            ready = true;
            cv.signal(); // SITE:SIGNAL
        }

        void postLocked() {
            mtx.lock();
            ready = true;
            cv.signal();
            mtx.unlock();
        }
    }

    public static void main(String[] args) {
        boolean buggy = args[0].equals("buggy");
        int seeds = Integer.parseInt(args[1]);
        int completed = 0;
        int hung = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            Machine m = Machine.builder().cpus(2).seed(seed).build();
            Handshake h = new Handshake();
            m.spawn("waiter", KThread.PRI_MIN_KERN, h::await);
            m.spawn("waker", KThread.PRI_MIN_KERN, buggy ? h::postUnlocked : h::postLocked);
            RunResult r = m.run(100_000);
            if (r.status() == RunResult.Status.COMPLETED) {
                completed++;
            } else if (r.status() == RunResult.Status.HUNG) {
                hung++;
                System.err.println("seed " + seed + ": " + r);
            } else {
                System.err.println("seed " + seed + ": " + r);
            }
        }
        System.out.println("completed " + completed + " hung " + hung);
    }
}
