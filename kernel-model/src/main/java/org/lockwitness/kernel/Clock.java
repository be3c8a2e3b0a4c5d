package org.lockwitness.kernel;

import java.util.ArrayList;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * Simulated time. A tick is a fixed number of scheduling points; when a tick passes, every CPU gets
 * a hardclock interrupt, whose handler fires that CPU's expired timers. An idle machine jumps to its
 * next timer. Timers fire in (deadline, creation) order.
 *
 * <p>Thread-safety: the timer list is guarded by this object's monitor (infrastructure, invisible to
 * the checker), a leaf: nothing done under it leaves the class or reaches a scheduling point, so it is
 * never held while the baton moves ({@code HostMonitorScanTest} checks); the tick count is advanced
 * by the baton holder.
 */
@NoWindows
final class Clock {

    /** A pending timeout. */
    static final class Timer implements Comparable<Timer> {
        final long deadline;
        final long seq;
        final int cpu;
        final Runnable action;
        boolean cancelled;

        Timer(long deadline, long seq, int cpu, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.cpu = cpu;
            this.action = action;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /**
     * The pending timers, unordered: a machine has few, and the scans below walk them by index, so
     * that a hardclock tick allocates nothing (an iterator would).
     */
    private final ArrayList<Timer> timers = new ArrayList<>();
    private final int stepsPerTick;
    private long seq;
    private volatile long ticks;

    Clock(int stepsPerTick) {
        this.stepsPerTick = stepsPerTick;
    }

    long ticks() {
        return ticks;
    }

    int stepsPerTick() {
        return stepsPerTick;
    }

    /** @return true when the step count crossed into a new tick */
    boolean advanceTo(long step) {
        long t = step / stepsPerTick;
        if (t > ticks) {
            ticks = t;
            return true;
        }
        return false;
    }

    /** Jumps to the next live timer's tick. @return the new tick, or -1 when there is no timer */
    synchronized long jumpToNextTimer() {
        Timer next = firstLive();
        if (next == null) {
            return -1;
        }
        if (next.deadline > ticks) {
            ticks = next.deadline;
        }
        return ticks;
    }

    private Timer firstLive() {
        Timer best = null;
        for (int i = 0, n = timers.size(); i < n; i++) {
            Timer t = timers.get(i);
            if (!t.cancelled && (best == null || t.compareTo(best) < 0)) {
                best = t;
            }
        }
        return best;
    }

    synchronized Timer add(long deltaTicks, int cpu, Runnable action) {
        Timer t = new Timer(ticks + Math.max(1, deltaTicks), seq++, cpu, action);
        timers.add(t);
        return t;
    }

    /** @return the earliest expired live timer for {@code cpu}, or null */
    synchronized Timer expired(int cpu) {
        Timer best = null;
        for (int i = 0, n = timers.size(); i < n; i++) {
            Timer t = timers.get(i);
            if (!t.cancelled && t.cpu == cpu && t.deadline <= ticks && (best == null || t.compareTo(best) < 0)) {
                best = t;
            }
        }
        return best;
    }

    synchronized void cancel(Timer t) {
        t.cancelled = true;
        timers.remove(t);
    }

    synchronized void remove(Timer t) {
        timers.remove(t);
    }
}
