package org.lockwitness.kernel;

import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.probe.Deadlock;
import org.lockwitness.kernel.probe.LostWakeup;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * What the model can tell about a stuck or finished DETERMINISTIC run: a cycle of threads each
 * blocked on a lock the next one holds (DEADLOCK), and threads asleep forever on a wakeup that came
 * too early (LOST_WAKEUP). Each is reported through its probe and kept in the run result.
 *
 * <p>Thread-safety: runs on the kernel thread that ends the run, while no other thread runs.
 */
@NoWindows
final class Detection {

    private Detection() {
    }

    static List<String> run(Machine m, List<KThread> threads, boolean stuck) {
        List<String> found = new ArrayList<>();
        if (stuck) {
            deadlockCycle(threads, found);
        }
        for (KThread t : threads) {
            if (t.state == KThread.State.SLEEPING && t.foreverSleep && t.lostWakeup != null) {
                String ident = LostWakeups.describe(t.wchan);
                lostWakeup(ident, t.name, t.lostWakeup.waker(), t.lostWakeup.step(), t.carrier.getStackTrace(), found);
            }
        }
        return found;
    }

    private static void deadlockCycle(List<KThread> threads, List<String> found) {
        for (KThread start : threads) {
            List<KThread> path = new ArrayList<>();
            KThread t = start;
            while (t != null && t.blockedOn != null && !path.contains(t)) {
                path.add(t);
                t = t.blockedOn.exclusiveOwner();
            }
            if (t != null && t == start && !path.isEmpty()) {
                String[] locks = new String[path.size()];
                String[] names = new String[path.size()];
                for (int i = 0; i < path.size(); i++) {
                    locks[i] = path.get(i).blockedOn.name();
                    names[i] = path.get(i).name;
                }
                deadlock(locks, names, found);
                return;
            }
        }
    }

    @Deadlock
    static void deadlock(String[] locks, String[] threads, List<String> found) {
        StringBuilder b = new StringBuilder("deadlock:");
        for (int i = 0; i < locks.length; i++) {
            b.append(i == 0 ? " " : ", ").append(threads[i]).append(" waits for \"").append(locks[i])
                    .append("\" held by ").append(threads[(i + 1) % threads.length]);
        }
        found.add(b.toString());
    }

    @LostWakeup
    static void lostWakeup(String ident, String thread, String waker, long step, StackTraceElement[] sleeper,
            List<String> found) {
        found.add("lost wakeup: " + thread + " sleeps on " + ident + " whose wakeup by " + waker
                + " came before its sleep");
    }
}
