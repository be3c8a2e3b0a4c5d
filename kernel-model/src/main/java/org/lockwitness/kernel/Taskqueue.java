package org.lockwitness.kernel;

import java.util.ArrayDeque;
import org.lockwitness.kernel.probe.KernelCode;

/**
 * A taskqueue ({@code struct taskqueue}) served by its own kernel threads. A fast taskqueue
 * ({@code taskqueue_create_fast}) is guarded by a spin mutex, so a filter may enqueue on it; an
 * ordinary one by a sleep mutex. Tasks run without the queue's mutex.
 *
 * <p>Thread-safety: for kernel threads of one machine; state is guarded by the queue's mutex.
 */
@KernelCode
public final class Taskqueue {

    private final Machine machine;
    private final String name;
    private final Mtx mtx;
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private Task running;

    /**
     * {@code taskqueue_create}/{@code taskqueue_create_fast}.
     *
     * @param machine the machine
     * @param name    the queue's name
     * @param fast    true for a spin mutex that filters may take
     */
    public Taskqueue(Machine machine, String name, boolean fast) {
        this.machine = machine;
        this.name = name;
        this.mtx = new Mtx(fast ? "fast_taskqueue" : "taskqueue", (fast ? Mtx.SPIN : Mtx.DEF) | Mtx.DUPOK | Mtx.INFRASTRUCTURE);
    }

    /**
     * {@code taskqueue_start_threads}: daemon threads that run the tasks.
     *
     * @param count    how many threads
     * @param priority their priority
     * @param cpu      the CPU to bind them to, or -1
     */
    public void startThreads(int count, int priority, int cpu) {
        for (int i = 0; i < count; i++) {
            machine.spawnDaemon(name + " taskq" + (count > 1 ? "_" + i : ""), priority, () -> {
                if (cpu >= 0) {
                    Sched.bind(cpu);
                }
                loop();
            });
        }
    }

    /**
     * {@code taskqueue_enqueue}: queues the task unless it is pending, and wakes one thread.
     *
     * @param task the task
     */
    public void enqueue(Task task) {
        lock();
        if (task.pending++ == 0) {
            queue.add(task);
            Synch.wakeupOne(this);
        }
        unlock();
    }

    /**
     * {@code taskqueue_drain}: waits until the task is neither pending nor running. May sleep.
     *
     * @param task the task
     */
    public void drain(Task task) {
        lock();
        while (task.pending > 0 || running == task) {
            task.draining = true;
            sleep(task, "tq_drain");
        }
        unlock();
    }

    /** {@code taskqueue_thread_loop}. */
    private void loop() {
        lock();
        for (;;) {
            Task t;
            while ((t = queue.poll()) != null) {
                t.pending = 0;
                running = t;
                unlock();
                t.fn.run();
                lock();
                running = null;
                if (t.draining) {
                    t.draining = false;
                    Synch.wakeup(t);
                }
            }
            sleep(this, "-");
        }
    }

    private void sleep(Object ident, String wmesg) {
        if (mtx.lockClass().isSpin()) {
            Synch.msleepSpin(ident, mtx, wmesg, 0);
        } else {
            Synch.msleep(ident, mtx, 0, wmesg, 0);
        }
    }

    private void lock() {
        if (mtx.lockClass().isSpin()) {
            mtx.lockSpin();
        } else {
            mtx.lock();
        }
    }

    private void unlock() {
        if (mtx.lockClass().isSpin()) {
            mtx.unlockSpin();
        } else {
            mtx.unlock();
        }
    }
}
