package org.lockwitness.kernel;

import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.Switch;
import org.lockwitness.kernel.probe.ThreadExit;

/**
 * The scheduler, with 4BSD semantics: per-CPU run queues, an idle thread per CPU, pinning and
 * binding, {@code sched_add} with immediate or deferred ({@code owepreempt}) local preemption and
 * IPI_PREEMPT to other CPUs, and {@code mi_switch}.
 *
 * <p>Design: every thread's thread lock is the machine's spin mutex "sched lock", as in 4BSD. A
 * switch happens only at critnest 1 with that lock held; the outgoing thread hands the lock to the
 * incoming one, which releases it on the same CPU.
 *
 * <p>Thread-safety: the static methods act on the calling kernel thread; the package-private ones
 * require the sched lock as documented.
 */
@NoWindows
public final class Sched {

    /** {@code SW_VOL}: a voluntary switch. */
    public static final int SW_VOL = 0x0100;
    /** {@code SW_INVOL}: an involuntary switch. */
    public static final int SW_INVOL = 0x0200;
    /** {@code SW_PREEMPT}: a preemption. */
    public static final int SW_PREEMPT = 0x0400;
    /** Mask of the switch-type values below. */
    public static final int SW_TYPE_MASK = 0xff;
    /** Switch types ({@code SWT_*}). */
    public static final int SWT_NONE = 0;
    /** Preempted by {@code maybe_preempt}. */
    public static final int SWT_PREEMPT = 1;
    /** Preempted on the outermost {@code critical_exit}. */
    public static final int SWT_OWEPREEMPT = 2;
    /** Blocked on a turnstile. */
    public static final int SWT_TURNSTILE = 3;
    /** Asleep on a sleep queue. */
    public static final int SWT_SLEEPQ = 4;
    /** Gave up the CPU ({@code kern_yield}). */
    public static final int SWT_RELINQUISH = 6;
    /** The idle thread switched to a runnable thread. */
    public static final int SWT_IDLE = 8;
    /** An interrupt thread waits for its interrupt. */
    public static final int SWT_IWAIT = 9;
    /** Preempted by IPI_PREEMPT. */
    public static final int SWT_REMOTEPREEMPT = 11;

    /** {@code SRQ_PREEMPTED}: put back at the head of its priority. */
    static final int SRQ_PREEMPTED = 0x0008;

    private Sched() {
    }

    /** {@code sched_pin}: the calling thread stays on its CPU until {@link #unpin()}. */
    public static void pin() {
        KThread.curthread().pinned++;
    }

    /** {@code sched_unpin}. */
    public static void unpin() {
        KThread td = KThread.curthread();
        if (td.pinned <= 0) {
            throw Machine.panic("sched_unpin: not pinned");
        }
        td.pinned--;
    }

    /**
     * {@code sched_bind}: binds the calling thread to a CPU and moves it there.
     *
     * @param cpu the CPU
     */
    public static void bind(int cpu) {
        KThread td = KThread.curthread();
        td.machine.checkCpu(cpu);
        threadLock(td);
        td.boundCpu = cpu;
        if (td.cpu.id != cpu) {
            miSwitch(SW_VOL | SWT_RELINQUISH);
        }
        threadUnlock(td);
    }

    /** {@code sched_unbind}. */
    public static void unbind() {
        KThread td = KThread.curthread();
        threadLock(td);
        td.boundCpu = -1;
        threadUnlock(td);
    }

    /** {@code kern_yield}: lets other runnable threads of the same or better priority run. */
    public static void yield() {
        KThread td = KThread.curthread();
        threadLock(td);
        miSwitch(SW_VOL | SWT_RELINQUISH);
        threadUnlock(td);
    }

    static void threadLock(KThread td) {
        td.machine.schedLock.lockSpin();
    }

    static void threadUnlock(KThread td) {
        td.machine.schedLock.unlockSpin();
    }

    /**
     * {@code mi_switch}: gives the CPU to the most urgent runnable thread. Legal only at critnest 1
     * with the thread lock held, not recursed. A running thread is put back on a run queue.
     */
    @Switch
    static void miSwitch(int flags) {
        KThread td = KThread.curthread();
        Machine m = td.machine;
        if (m.schedLock.ownerThread() != td || m.schedLock.recursed()) {
            throw Machine.panic("mi_switch: thread lock not held or recursed");
        }
        if (td.critnest != 1) {
            throw Machine.panic("mi_switch: switch in a critical section");
        }
        if ((flags & (SW_INVOL | SW_VOL)) == 0) {
            throw Machine.panic("mi_switch: switch must be voluntary or involuntary");
        }
        if (td.state != KThread.State.RUNNING && td.state != KThread.State.LOCK
                && m.giant.ownerThread() == td) {
            throw Machine.panic("mutex Giant owned at mi_switch");
        }
        td.owepreempt = false;
        if (td.tokenCount > 0) {
            Token.releaseAll(td);
        }
        for (;;) {
            Cpu c = td.cpu;
            if (td.state == KThread.State.RUNNING && !td.idle) {
                Cpu target = requeueCpu(td, c);
                td.cpu = target;
                td.state = KThread.State.RUNQ;
                target.runq.add(td, (flags & SW_PREEMPT) != 0);
            }
            KThread next = c.runq.poll();
            if (next == null) {
                next = c.idle;
            }
            if (next == td) {
                td.state = KThread.State.RUNNING;
            } else {
                switchTo(c, td, next);
            }
            if (td.state == KThread.State.EXITED || td.tokenCount == 0 || Token.acquireAll(td) == null) {
                return;
            }
            td.state = KThread.State.LOCK;
        }
    }

    private static void switchTo(Cpu c, KThread td, KThread next) {
        next.cpu = c;
        next.state = KThread.State.RUNNING;
        next.waitingFor = "";
        c.machine.schedLock.handOff(next);
        c.curthread = next;
        next.unpark();
        if (td.state == KThread.State.EXITED) {
            return;
        }
        td.awaitRun();
    }

    /**
     * {@code sched_add}: makes {@code td} runnable. Called with the sched lock held. Preempts the
     * current CPU now, or sets its {@code owepreempt}, or sends IPI_PREEMPT to the chosen CPU.
     */
    static void schedAdd(KThread td, int srqFlags) {
        KThread cur = KThread.curthread();
        Cpu here = cur.cpu;
        Cpu target = pickCpu(td, cur, here);
        td.cpu = target;
        td.state = KThread.State.RUNQ;
        target.runq.add(td, (srqFlags & SRQ_PREEMPTED) != 0);
        if (target == here) {
            maybePreempt(cur, td);
        } else if (td.priority < target.curthread.priority) {
            target.post(Irq.IPI_PREEMPT);
        }
    }

    /** {@code setrunnable}/{@code sched_wakeup}, with the sched lock held. */
    static void setrunnable(KThread td) {
        KThread.State s = td.state;
        if (s == KThread.State.SLEEPING || s == KThread.State.LOCK || s == KThread.State.IWAIT) {
            td.waitingFor = "";
            schedAdd(td, 0);
        }
    }

    /** 4BSD {@code maybe_preempt}. */
    private static void maybePreempt(KThread cur, KThread td) {
        Machine m = cur.machine;
        if (td.priority >= cur.priority) {
            return;
        }
        if (!m.fullPreemption && td.priority > KThread.PRI_MAX_ITHD && !cur.idle) {
            return;
        }
        if (cur.critnest > 1) {
            cur.owepreempt = true;
            return;
        }
        miSwitch(SW_INVOL | SW_PREEMPT | SWT_PREEMPT);
    }

    private static Cpu pickCpu(KThread td, KThread cur, Cpu here) {
        Machine m = td.machine;
        if (td.boundCpu >= 0) {
            return m.cpus[td.boundCpu];
        }
        if (td.pinned > 0 && td.cpu != null) {
            return td.cpu;
        }
        KThread ctd = here.curthread;
        if (td.priority < ctd.priority
                && (td.priority <= KThread.PRI_MAX_ITHD || ctd.idle || m.fullPreemption)) {
            return here;
        }
        Cpu idle = idleCpu(m, td.cpu);
        if (idle != null) {
            return idle;
        }
        return td.cpu != null ? td.cpu : here;
    }

    /** Where a thread that is still runnable goes when it leaves its CPU. */
    private static Cpu requeueCpu(KThread td, Cpu here) {
        Machine m = td.machine;
        if (td.boundCpu >= 0) {
            return m.cpus[td.boundCpu];
        }
        if (td.pinned > 0) {
            return here;
        }
        for (Cpu c : m.cpus) {
            if (c != here && c.isIdle()) {
                return c;
            }
        }
        return here;
    }

    private static Cpu idleCpu(Machine m, Cpu preferred) {
        if (preferred != null && preferred.isIdle()) {
            return preferred;
        }
        for (Cpu c : m.cpus) {
            if (c.isIdle()) {
                return c;
            }
        }
        return null;
    }

    /** {@code sched_preempt}: the IPI_PREEMPT handler. */
    static void preemptIpi(KThread td) {
        threadLock(td);
        if (td.critnest > 1) {
            td.owepreempt = true;
        } else {
            miSwitch(SW_INVOL | SW_PREEMPT | SWT_REMOTEPREEMPT);
        }
        threadUnlock(td);
    }

    /** {@code fork_exit}: a new thread releases the sched lock its first switch handed it. */
    static void forkExit(KThread td) {
        threadUnlock(td);
    }

    /**
     * {@code thread_exit}: never returns to the thread's body. The last non-daemon thread ends the
     * run without taking the thread lock, so a finished machine leaves no spin lock held.
     */
    @ThreadExit
    static void threadExit(KThread td) {
        if (!td.daemon && td.machine.kthreads.lastThread()) {
            td.state = KThread.State.EXITED;
            td.machine.kthreads.threadExited(td);
            return;
        }
        threadLock(td);
        td.state = KThread.State.EXITED;
        td.machine.kthreads.threadExited(td);
        miSwitch(SW_VOL | SWT_NONE);
    }

    /** {@code sched_idletd}: switch to queued work, else idle at a scheduling point. */
    static void idleLoop(KThread td) {
        Machine m = td.machine;
        for (;;) {
            if (td.cpu.runq.size() > 0) {
                threadLock(td);
                if (td.cpu.runq.size() > 0) {
                    miSwitch(SW_VOL | SWT_IDLE);
                }
                threadUnlock(td);
            } else {
                m.points.point(td, SchedulingPoint.Kind.IDLE);
            }
        }
    }
}
