package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * The kernel threads of one {@link Machine}: their creation ({@code kthread_add},
 * {@code kern_kthread.c}), their carrier's start ({@code fork_exit}, {@code kern_fork.c}) and exit
 * ({@code kthread_exit}), and the count of live non-daemon threads that ends the run.
 *
 * <p>Thread-safety: created threads are recorded in a concurrent queue and counted with atomics,
 * as kernel threads of a running machine may create and end threads on any CPU; the round-robin
 * placement before the run is the controlling thread's alone.
 */
@NoWindows
final class Kthreads {
    private final Machine machine;
    private final Queue<KThread> threads = new ConcurrentLinkedQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong tids = new AtomicLong();
    private int spawned;

    Kthreads(Machine machine) {
        this.machine = machine;
    }

    /** Records a CPU's idle thread, which the machine built itself. */
    void addIdle(KThread idle) {
        threads.add(idle);
    }

    /** @return the next thread id */
    long nextTid() {
        return tids.incrementAndGet();
    }

    /** @return every kernel thread, in creation order */
    List<KThread> snapshot() {
        return new ArrayList<>(threads);
    }

    /** @return whether no non-daemon thread is left */
    boolean noneLive() {
        return live.get() == 0;
    }

    /**
     * {@code kthread_add}: a kernel thread. Before the run it is queued on a CPU chosen round-robin;
     * during the run it must come from a kernel thread of the machine and goes through {@code sched_add}.
     */
    KThread add(String name, int priority, Runnable body, boolean daemon) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (priority < 0 || priority >= KThread.PRI_IDLE) {
            throw new IllegalArgumentException("priority must be in [0, " + KThread.PRI_IDLE + ")");
        }
        KThread td = new KThread(machine, name, priority, body, false, daemon);
        if (!daemon) {
            live.incrementAndGet();
        }
        threads.add(td);
        if (!machine.control.started()) {
            Cpu c = machine.cpus[spawned++ % machine.cpus.length];
            td.cpu = c;
            td.state = KThread.State.RUNQ;
            c.runq.add(td, false);
            return td;
        }
        KThread cur = KThread.current();
        if (cur == null || cur.machine != machine) {
            throw new IllegalStateException("spawn on a running machine must come from its kernel threads");
        }
        td.cpu = cur.cpu;
        td.carrier.start();
        Sched.threadLock(cur);
        Sched.schedAdd(td, 0);
        Sched.threadUnlock(cur);
        return td;
    }

    /** Creates a daemon thread that starts in IWAIT on {@code cpu}, for {@link Ithread}. */
    KThread spawnWaiting(String name, int priority, Runnable body, Cpu cpu) {
        KThread td = new KThread(machine, name, priority, body, false, true);
        td.ithread = true;
        td.state = KThread.State.IWAIT;
        td.waitingFor = name;
        td.cpu = cpu;
        threads.add(td);
        if (machine.control.started()) {
            td.carrier.start();
        }
        return td;
    }

    /** Binds a thread that has not started to {@code cpu}, moving it to that CPU's run queue. */
    void rebind(KThread td, int cpu) {
        if (machine.control.started()) {
            throw new IllegalStateException("bindTo after the machine started; use Sched.bind");
        }
        td.boundCpu = cpu;
        if (td.state == KThread.State.RUNQ && td.cpu != machine.cpus[cpu]) {
            td.cpu.runq.remove(td);
            td.cpu = machine.cpus[cpu];
            machine.cpus[cpu].runq.add(td, false);
        }
    }

    /** The body of every carrier thread: the thread's start ({@code fork_exit}), its body, its end. */
    void runThread(KThread td) {
        try {
            td.awaitRun();
            if (td.idle) {
                Sched.idleLoop(td);
            } else {
                Sched.forkExit(td);
                td.body.run();
                Sched.threadExit(td);
            }
        } catch (MachineStop stop) {
            // The machine stopped; this thread just ends.
        } catch (Throwable t) {
            machine.finish(RunResult.Status.HALTED, "uncaught " + t + " in " + td, t);
        }
    }

    /** @return whether only one non-daemon thread is left */
    boolean lastThread() {
        return live.get() == 1;
    }

    /** {@code kthread_exit}: the machine completes when the last non-daemon thread has exited. */
    void threadExited(KThread td) {
        if (!td.daemon && live.decrementAndGet() == 0) {
            machine.finish(RunResult.Status.COMPLETED, "every thread exited", null);
        }
    }
}
