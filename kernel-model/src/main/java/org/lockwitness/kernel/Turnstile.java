package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.probe.KernelCode;

/**
 * The turnstile of one lock ({@code subr_turnstile.c}): an exclusive and a shared queue of blocked
 * threads, for the locks whose waiters block instead of sleeping (rw, and the rmlock writer waiting
 * out its readers).
 *
 * <p>Design: the queues are guarded by the machine's spin mutex "turnstile chain", which the caller
 * takes first ({@code turnstile_trywait}) and, before it blocks, re-checks the lock word under. A
 * blocked thread is in state {@code LOCK}; it queues by priority, takes its thread lock, and only
 * then drops the chain, so a waker that takes the chain after it cannot miss it.
 *
 * <p>Thread-safety: every method requires the machine's "turnstile chain"; {@link #await} releases
 * it.
 */
@KernelCode
final class Turnstile {

    /** {@code TS_EXCLUSIVE_QUEUE}: writers. */
    static final int EXCLUSIVE_QUEUE = 0;
    /** {@code TS_SHARED_QUEUE}: readers. */
    static final int SHARED_QUEUE = 1;

    private final List<KThread> exclusive = new ArrayList<>();
    private final List<KThread> shared = new ArrayList<>();

    /**
     * {@code turnstile_wait}: queues the calling thread, drops the turnstile chain and blocks until
     * a {@link #broadcast} or {@link #signal} makes it runnable.
     */
    void await(KThread td, int queue, String waitingFor) {
        List<KThread> q = queue(queue);
        int i = 0;
        while (i < q.size() && q.get(i).priority <= td.priority) {
            i++;
        }
        q.add(i, td);
        Sched.threadLock(td);
        td.state = KThread.State.LOCK;
        td.waitingFor = waitingFor;
        td.machine.turnstileChain.unlockSpin();
        Sched.miSwitch(Sched.SW_VOL | Sched.SWT_TURNSTILE);
        Sched.threadUnlock(td);
    }

    /** {@code turnstile_broadcast} and {@code turnstile_unpend}: wakes every thread of the queue. */
    void broadcast(int queue) {
        List<KThread> q = queue(queue);
        if (q.isEmpty()) {
            return;
        }
        KThread td = KThread.curthread();
        Sched.threadLock(td);
        for (KThread w : q) {
            Sched.setrunnable(w);
        }
        q.clear();
        Sched.threadUnlock(td);
    }

    /** {@code turnstile_signal} and {@code turnstile_unpend}: wakes the most urgent thread of the queue. */
    void signal(int queue) {
        List<KThread> q = queue(queue);
        if (q.isEmpty()) {
            return;
        }
        KThread td = KThread.curthread();
        Sched.threadLock(td);
        Sched.setrunnable(q.remove(0));
        Sched.threadUnlock(td);
    }

    private List<KThread> queue(int queue) {
        return queue == EXCLUSIVE_QUEUE ? exclusive : shared;
    }
}
