package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.NoWindows;

/**
 * An interrupt thread or software interrupt thread ({@code ithread_loop}, {@code swi}): a daemon
 * kernel thread that waits in IWAIT until {@link #schedule()} sets {@code it_need}, then runs its
 * work until no more is needed.
 *
 * <p>Thread-safety: {@link #schedule()} may be called from any kernel thread, including filters.
 */
@NoWindows
final class Ithread {

    private final String name;
    private final Runnable work;
    private volatile boolean itNeed;
    final KThread td;

    Ithread(Machine m, String name, int priority, Runnable work, Cpu cpu) {
        this.name = name;
        this.work = work;
        this.td = m.kthreads.spawnWaiting(name, priority, this::loop, cpu);
    }

    /** {@code intr_event_schedule_thread}/{@code swi_sched}. */
    void schedule() {
        itNeed = true;
        KThread cur = KThread.curthread();
        Sched.threadLock(cur);
        if (td.state == KThread.State.IWAIT) {
            Sched.setrunnable(td);
        }
        Sched.threadUnlock(cur);
    }

    private void loop() {
        for (;;) {
            while (itNeed) {
                itNeed = false;
                work.run();
            }
            Sched.threadLock(td);
            if (!itNeed) {
                td.state = KThread.State.IWAIT;
                td.waitingFor = name;
                Sched.miSwitch(Sched.SW_VOL | Sched.SWT_IWAIT);
            }
            Sched.threadUnlock(td);
        }
    }
}
