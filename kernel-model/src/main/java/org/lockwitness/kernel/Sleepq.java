package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * Sleep queues ({@code subr_sleepqueue.c}): threads asleep on a wait channel, under one spin mutex
 * "sleepq chain". Channels are looked up by identity and never iterated, so no decision depends on
 * identity hashes. A woken thread is removed from its queue under the chain lock before it is made
 * runnable, so a sleeper that queued itself before dropping its interlock cannot miss a wakeup.
 *
 * <p>Thread-safety: every method requires the chain lock, except {@link #lock()}.
 */
@NoWindows
final class Sleepq {

    private final Machine machine;
    final Mtx chain = new Mtx("sleepq chain", Mtx.SPIN | Mtx.INFRASTRUCTURE);
    private final Map<Object, List<KThread>> queues = new IdentityHashMap<>();

    Sleepq(Machine machine) {
        this.machine = machine;
    }

    /** {@code sleepq_lock}. */
    void lock() {
        chain.lockSpin();
    }

    /** {@code sleepq_release}. */
    void release() {
        chain.unlockSpin();
    }

    /** {@code sleepq_add}. */
    void add(KThread td, Object wchan, String wmesg) {
        if (td.wchan != null) {
            throw Machine.panic("recursive sleep");
        }
        td.wchan = wchan;
        td.timedOut = false;
        td.foreverSleep = false;
        td.lostWakeup = null;
        td.sleepGeneration++;
        td.waitingFor = "\"" + wmesg + "\"";
        queues.computeIfAbsent(wchan, k -> new ArrayList<>()).add(td);
    }

    /** {@code sleepq_set_timeout}: wake the thread after {@code ticks} ticks if still asleep. */
    void setTimeout(KThread td, int ticks) {
        long generation = td.sleepGeneration;
        td.sleepTimer = machine.clock.add(ticks, td.cpu.id, () -> timeout(td, generation));
    }

    /** {@code sleepq_wait}/{@code sleepq_timedwait}: releases the chain lock and switches out. */
    int await(KThread td) {
        Sched.threadLock(td);
        chain.unlockSpin();
        if (td.wchan != null) {
            td.state = KThread.State.SLEEPING;
            Sched.miSwitch(Sched.SW_VOL | Sched.SWT_SLEEPQ);
        }
        Sched.threadUnlock(td);
        return td.timedOut ? Synch.EWOULDBLOCK : 0;
    }

    /** {@code sleepq_remove}: takes the thread off its queue without waking it. */
    void remove(KThread td) {
        List<KThread> q = queues.get(td.wchan);
        if (q != null) {
            q.remove(td);
            if (q.isEmpty()) {
                queues.remove(td.wchan);
            }
        }
        td.wchan = null;
    }

    /** {@code sleepq_broadcast}. @return the number woken */
    int broadcast(Object wchan) {
        List<KThread> q = queues.remove(wchan);
        if (q == null) {
            return 0;
        }
        for (KThread td : q) {
            resume(td);
        }
        return q.size();
    }

    /** {@code sleepq_signal}: wakes the most urgent sleeper, first come first among equals. */
    boolean signal(Object wchan) {
        List<KThread> q = queues.get(wchan);
        if (q == null || q.isEmpty()) {
            return false;
        }
        KThread best = q.get(0);
        for (KThread td : q) {
            if (td.priority < best.priority) {
                best = td;
            }
        }
        q.remove(best);
        if (q.isEmpty()) {
            queues.remove(wchan);
        }
        resume(best);
        return true;
    }

    /** {@code sleepq_resume_thread}: the thread is already off its queue. */
    private void resume(KThread td) {
        td.wchan = null;
        Sched.threadLock(td);
        if (td.sleepTimer != null) {
            machine.clock.cancel(td.sleepTimer);
            td.sleepTimer = null;
        }
        Sched.setrunnable(td);
        Sched.threadUnlock(td);
    }

    /** {@code sleepq_timeout}, run by the hardclock of the CPU the thread slept on. */
    private void timeout(KThread td, long generation) {
        lock();
        Object wchan = td.wchan;
        if (wchan != null && td.sleepGeneration == generation) {
            List<KThread> q = queues.get(wchan);
            q.remove(td);
            if (q.isEmpty()) {
                queues.remove(wchan);
            }
            td.timedOut = true;
            td.sleepTimer = null;
            resume(td);
        }
        release();
    }
}
