package org.lockwitness.testprograms;

import java.util.concurrent.atomic.AtomicBoolean;
import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.Intr;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Sx;
import org.lockwitness.kernel.Synch;

/**
 * The precise semantics of issue 18 under the agent, one scenario per argument: {@code destroyown}
 * (a spin and a sleep mutex destroyed by their owner, then more lock activity, a sleep and the
 * thread's exit), {@code destroyheld} (a mutex destroyed while another thread holds it),
 * {@code badupgrade} (a try-upgrade, which fails, of an sx the thread does not hold),
 * {@code spindeadlock} (two CPUs spinning on each other's spin mutexes), {@code irqchain} (a
 * filter takes spin mutex "em0 lock", a thread orders it before "sched stats", another holds that
 * one with interrupts enabled: one sequential schedule, no deadlock needed).
 */
public final class Precision {

    private Precision() {
    }

    public static void main(String[] args) {
        RunResult r = switch (args[0]) {
            case "destroyown" -> destroyOwn();
            case "destroyheld" -> destroyHeld();
            case "badupgrade" -> badUpgrade();
            case "spindeadlock" -> spinDeadlock();
            case "irqchain" -> irqChain();
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println("ran " + r.status());
    }

    private static Machine machine(int cpus, long seed) {
        return Machine.builder().cpus(cpus).seed(seed).build();
    }

    private static RunResult destroyOwn() {
        Machine m = machine(2, 1);
        Mtx later = new Mtx("later", Mtx.DEF);
        m.spawn("detach", KThread.PRI_MIN_KERN, () -> {
            Mtx hw = new Mtx("hw lock", Mtx.SPIN);
            Mtx softc = new Mtx("softc", Mtx.DEF);
            hw.lockSpin();
            hw.destroy();
            softc.lock();
            softc.destroy();
            later.lock();
            Synch.msleep(later, later, 0, "later", 1);
            later.unlock();
            Synch.pause("after", 1);
        });
        return m.run(1_000_000);
    }

    private static RunResult destroyHeld() {
        Machine m = machine(2, 1);
        Mtx softc = new Mtx("softc", Mtx.DEF);
        AtomicBoolean locked = new AtomicBoolean();
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            softc.lock();
            locked.set(true);
            for (int i = 0; i < 10_000; i++) {
                Machine.window();
            }
            softc.unlock();
        });
        m.spawn("reaper", KThread.PRI_MIN_KERN, () -> {
            while (!locked.get()) {
                Machine.window();
            }
            softc.destroy(); // SITE:DESTROY
        });
        return m.run(1_000_000);
    }

    private static RunResult badUpgrade() {
        Machine m = machine(1, 1);
        Sx sx = new Sx("allproc", 0);
        m.spawn("upgrader", KThread.PRI_MIN_KERN, () -> {
            if (sx.tryUpgrade()) { // SITE:UPGRADE
                sx.xunlock();
            }
        });
        return m.run(1_000_000);
    }

    private static RunResult spinDeadlock() {
        Machine m = machine(2, 1);
        Mtx a = new Mtx("spin a", Mtx.SPIN);
        Mtx b = new Mtx("spin b", Mtx.SPIN);
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lockSpin();
            for (int i = 0; i < 20; i++) {
                Machine.window();
            }
            b.lockSpin(); // SITE:AB
            b.unlockSpin();
            a.unlockSpin();
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.lockSpin();
            for (int i = 0; i < 20; i++) {
                Machine.window();
            }
            a.lockSpin(); // SITE:BA
            a.unlockSpin();
            b.unlockSpin();
        });
        return m.run(1_000_000);
    }

    private static RunResult irqChain() {
        Machine m = machine(1, 1);
        Mtx em0 = new Mtx("em0 lock", Mtx.SPIN);
        Mtx stats = new Mtx("sched stats", Mtx.SPIN);
        AtomicBoolean filtered = new AtomicBoolean();
        InterruptSource irq = m.interruptSource("em0", 0, KThread.PI_NET);
        irq.addHandler("em_filter", () -> {
            em0.lockSpin(); // SITE:FILTER
            em0.unlockSpin();
            filtered.set(true);
            return Filter.FILTER_HANDLED;
        }, null, InterruptSource.INTR_MPSAFE);
        m.spawn("driver", KThread.PRI_MIN_KERN, () -> {
            irq.raise();
            while (!filtered.get()) {
                Machine.window();
            }
            em0.lockSpin();
            stats.lockSpin(); // SITE:ORDER
            stats.unlockSpin();
            em0.unlockSpin();
            stats.lockSpin();
            Intr.enable(); // SITE:ENABLE
            stats.unlockSpin();
        });
        return m.run(1_000_000);
    }
}
