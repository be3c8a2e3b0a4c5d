package org.lockwitness.testprograms;

import java.util.concurrent.atomic.AtomicBoolean;
import org.lockwitness.kernel.Filter;
import org.lockwitness.kernel.GroupTask;
import org.lockwitness.kernel.InterruptSource;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.LockMgr;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.Pcpu;
import org.lockwitness.kernel.RmLock;
import org.lockwitness.kernel.RmTracker;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Rw;
import org.lockwitness.kernel.Sched;
import org.lockwitness.kernel.Sx;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.TaskqGroup;
import org.lockwitness.scenarios.Scenarios;

/**
 * The model's other primitives under the agent, one scenario per argument: {@code sxorder} (two sx
 * locks in opposite orders), {@code rwsleep} (an rw read lock held across tsleep), {@code sxsleep}
 * (sleeping with only an sx held, exclusive then shared), {@code lostwakeup} and
 * {@code interlocked} (a check then a sleep, with a wakeup in between, without and with
 * tsleep_interlock), {@code deadlock} (two sleep mutexes in opposite orders, held at once),
 * {@code pcpu} (per-CPU data read unpinned, then pinned), {@code grouptask} (a filter enqueues a
 * grouptask), {@code lockmgr} (two lockmgr locks in opposite orders through {@code lockmgr(flags)}),
 * {@code rmsleep} (a sleepable rm read lock, taken without sleeping, then an sx).
 */
public final class ModelLocks {

    private ModelLocks() {
    }

    public static void main(String[] args) {
        RunResult r = switch (args[0]) {
            case "sxorder" -> sxOrder();
            case "rwsleep" -> rwSleep();
            case "sxsleep" -> sxSleep();
            case "lostwakeup" -> checkThenSleep(false);
            case "interlocked" -> checkThenSleep(true);
            case "deadlock" -> deadlock();
            case "pcpu" -> pcpu();
            case "grouptask" -> grouptask();
            case "lockmgr" -> lockmgrOrder();
            case "rmsleep" -> rmThenSx();
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println("ran " + r.status());
    }

    private static Machine machine(int cpus) {
        return Machine.builder().cpus(cpus).seed(1).build();
    }

    private static RunResult sxOrder() {
        Sx a = new Sx("SX-A", 0);
        Sx b = new Sx("SX-B", 0);
        Machine m = machine(1);
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.xlock();
            b.xlock(); // SITE:AB
            b.xunlock();
            a.xunlock();
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.xlock();
            a.xlock(); // SITE:BA
            a.xunlock();
            b.xunlock();
        });
        return m.run(100_000);
    }

    private static RunResult rwSleep() {
        Rw rw = new Rw("RW-SLEEP", 0);
        Machine m = machine(1);
        m.spawn("sleeper", KThread.PRI_MIN_KERN, () -> {
            rw.rlock();
            Synch.tsleep(rw, 0, "rwsleep", 1); // SITE:RSLEEP
            rw.runlock();
        });
        return m.run(100_000);
    }

    private static RunResult sxSleep() {
        Sx sx = new Sx("SX-SLEEP", 0);
        Machine m = machine(1);
        m.spawn("sleeper", KThread.PRI_MIN_KERN, () -> {
            sx.xlock();
            Synch.tsleep(sx, 0, "sxsleep", 1);
            sx.xunlock();
            sx.slock();
            Synch.tsleep(sx, 0, "sxsleep", 1);
            sx.sunlock();
        });
        return m.run(100_000);
    }

    /** The model's shared fixture: a check under a mutex, then a sleep; the wakeup falls in between. */
    private static RunResult checkThenSleep(boolean interlocked) {
        Machine m = machine(1);
        Scenarios.checkThenSleep(m, interlocked);
        return m.run(100_000);
    }

    /** The model's shared fixture: two threads, each holding a mutex the other wants. */
    private static RunResult deadlock() {
        Machine m = machine(2);
        Scenarios.abbaDeadlock(m);
        return m.run(100_000);
    }

    private static RunResult pcpu() {
        Machine m = machine(2);
        Pcpu<int[]> stats = new Pcpu<>(m, "stats", cpu -> new int[1]);
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            stats.get()[0]++; // SITE:UNPINNED
            Sched.pin();
            stats.get()[0]++;
            Sched.unpin();
        });
        return m.run(100_000);
    }

    private static RunResult lockmgrOrder() {
        LockMgr a = new LockMgr("LK-A", 0);
        LockMgr b = new LockMgr("LK-B", 0);
        Machine m = machine(1);
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lock(LockMgr.LK_EXCLUSIVE);
            b.lock(LockMgr.LK_EXCLUSIVE); // SITE:LKAB
            b.lock(LockMgr.LK_RELEASE);
            a.lock(LockMgr.LK_RELEASE);
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.lock(LockMgr.LK_EXCLUSIVE);
            a.lock(LockMgr.LK_EXCLUSIVE); // SITE:LKBA
            a.lock(LockMgr.LK_RELEASE);
            b.lock(LockMgr.LK_RELEASE);
        });
        return m.run(100_000);
    }

    private static RunResult rmThenSx() {
        RmLock rm = new RmLock("RM-SLEEPABLE", RmLock.SLEEPABLE);
        Sx sx = new Sx("SX-AFTER-RM", 0);
        Machine m = machine(1);
        m.spawn("reader", KThread.PRI_MIN_KERN, () -> {
            RmTracker tracker = new RmTracker();
            rm.rlock(tracker);
            sx.xlock(); // SITE:RMSX
            sx.xunlock();
            rm.runlock(tracker);
        });
        return m.run(100_000);
    }

    private static RunResult grouptask() {
        Machine m = machine(2);
        TaskqGroup io = new TaskqGroup(m, "if_io_tqg", 2, KThread.PI_NET);
        AtomicBoolean ran = new AtomicBoolean();
        GroupTask rx = new GroupTask("rxq0", () -> ran.set(true));
        rx.attach(io, 1);
        InterruptSource irq = m.interruptSource("rxq0", 1, KThread.PI_NET);
        irq.addHandler("iflib_fast_intr", () -> {
            rx.enqueue();
            return Filter.FILTER_HANDLED;
        }, null, InterruptSource.INTR_MPSAFE);
        m.spawn("driver", KThread.PRI_MIN_KERN, () -> {
            irq.raise();
            while (!ran.get()) {
                Machine.window();
            }
        });
        return m.run(1_000_000);
    }
}
