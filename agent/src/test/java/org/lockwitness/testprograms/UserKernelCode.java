package org.lockwitness.testprograms;

import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.KernelCode;

/**
 * A user's own {@code @KernelCode} class, outside the model: under {@code windows=lines} every one
 * of its lines is an interrupt window, so the machine counts more scheduling points. Prints the
 * run's status and its scheduling points.
 */
public final class UserKernelCode {

    private UserKernelCode() {
    }

    /** Straight-line code whose every line is a place where an interrupt may land. */
    @KernelCode
    static final class Counter {
        int value;

        void bump() {
            value++;
            value++;
            value++;
            value++;
        }
    }

    public static void main(String[] args) {
        Machine m = Machine.builder().cpus(1).seed(1).build();
        Counter c = new Counter();
        m.spawn("bumper", KThread.PRI_MIN_KERN, () -> {
            for (int i = 0; i < 100; i++) {
                c.bump();
            }
        });
        RunResult r = m.run(1_000_000);
        System.out.println(r.status() + " " + r.steps() + " " + c.value);
    }
}
