package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.InterruptsOff;
import org.lockwitness.kernel.probe.InterruptsOn;
import org.lockwitness.kernel.probe.KernelCode;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * The running CPU's interrupt flag: {@code intr_disable}, {@code intr_restore},
 * {@code enable_intr}. Interrupts pending on the CPU are taken at the next window once enabled.
 * Each is one instruction on a real CPU, so the agent puts no line window inside them: a window
 * between reading the CPU and writing its flag would let an interrupt migrate the thread and the
 * write land on the CPU it left.
 *
 * <p>Thread-safety: acts on the calling kernel thread's CPU only.
 */
@KernelCode
public final class Intr {

    private Intr() {
    }

    /**
     * {@code intr_disable}.
     *
     * @return whether interrupts were enabled
     */
    @InterruptsOff
    @NoWindows
    public static boolean disable() {
        Cpu c = KThread.curthread().cpu;
        boolean was = c.intrEnabled;
        c.intrEnabled = false;
        return was;
    }

    /**
     * {@code intr_restore}.
     *
     * @param enabled the state {@link #disable()} returned
     */
    @InterruptsOn
    @NoWindows
    public static void restore(boolean enabled) {
        KThread.curthread().cpu.intrEnabled = enabled;
        if (enabled) {
            Machine.window();
        }
    }

    /** {@code enable_intr}. */
    @InterruptsOn
    @NoWindows
    public static void enable() {
        KThread.curthread().cpu.intrEnabled = true;
        Machine.window();
    }

    /** @return whether the running CPU takes interrupts */
    public static boolean enabled() {
        return KThread.curthread().cpu.intrEnabled;
    }
}
