package org.lockwitness.scenarios;

import java.util.concurrent.atomic.AtomicBoolean;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.Mtx;
import org.lockwitness.kernel.Sched;
import org.lockwitness.kernel.Synch;

/**
 * Scenario programs that the model's unit tests run without a checker and the agent's forked-JVM
 * tests run under the agent: each spawns its kernel threads on a machine the caller built, so the
 * caller chooses the seed, the CPUs and the limits. Published as the kernel model's test-fixtures
 * jar (classifier {@code tests}); it lives outside {@code org.lockwitness.kernel} so that, under
 * the agent, its lines are call sites of user code. Lines marked {@code // SITE:NAME} are the sites
 * the agent's tests expect in reports.
 *
 * <p>Thread-safety: each method only spawns threads on the given machine; call it before
 * {@link Machine#run(long)}.
 */
public final class Scenarios {

    private Scenarios() {
    }

    /**
     * A check under a mutex, then a sleep without it; the waker's wakeup falls in between, so the
     * sleeper sleeps forever on "buffer ready" (FreeBSD's lost wakeup). With {@code interlocked} the
     * sleeper queues itself with {@code tsleep_interlock} before it drops the mutex and sleeps with
     * {@code PINTERLOCKED}, and the wakeup is not lost.
     *
     * @param m the machine, not yet run
     * @param interlocked whether the sleeper uses DragonFly's {@code tsleep_interlock}
     */
    public static void checkThenSleep(Machine m, boolean interlocked) {
        Mtx mtx = new Mtx("state", Mtx.DEF);
        Object ident = "buffer ready";
        boolean[] ready = new boolean[1];
        AtomicBoolean checked = new AtomicBoolean();
        m.spawn("sleeper", KThread.PRI_MIN_KERN, () -> {
            mtx.lock();
            boolean wait = !ready[0];
            if (interlocked) {
                Synch.tsleepInterlock(ident);
            }
            mtx.unlock();
            checked.set(true);
            Sched.yield();
            if (wait) {
                Synch.tsleep(ident, interlocked ? Synch.PINTERLOCKED : 0, "bufwait", 0); // SITE:SLEEP
            }
        });
        m.spawn("waker", KThread.PRI_MIN_KERN, () -> {
            while (!checked.get()) {
                Machine.window();
            }
            mtx.lock();
            ready[0] = true;
            mtx.unlock();
            Synch.wakeup(ident); // SITE:WAKEUP
        });
    }

    /**
     * Two threads, "ab" and "ba", each take one of the sleep mutexes "lock a" and "lock b", pause a
     * tick, and then want the other's: the machine hangs in a cycle of two waiters.
     *
     * @param m the machine, not yet run; it needs at least two CPUs for both holds to overlap
     */
    public static void abbaDeadlock(Machine m) {
        Mtx a = new Mtx("lock a", Mtx.DEF);
        Mtx b = new Mtx("lock b", Mtx.DEF);
        m.spawn("ab", KThread.PRI_MIN_KERN, () -> {
            a.lock();
            Synch.pause("hold", 1);
            b.lock();
        });
        m.spawn("ba", KThread.PRI_MIN_KERN, () -> {
            b.lock();
            Synch.pause("hold", 1);
            a.lock();
        });
    }
}
