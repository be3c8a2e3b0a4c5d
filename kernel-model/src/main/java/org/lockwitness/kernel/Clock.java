package org.lockwitness.kernel;

import java.util.PriorityQueue;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * Simulated time. A tick is a fixed number of scheduling points; when a tick passes, every CPU gets
 * a hardclock interrupt, whose handler fires that CPU's expired timers. An idle machine jumps to its
 * next timer. Timers fire in (deadline, creation) order.
 *
 * <p>Thread-safety: guarded by the machine's sched lock (timer list) and by the baton (tick count).
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

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
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
    long jumpToNextTimer() {
        Timer next = firstLive();
        if (next == null) {
            return -1;
        }
        if (next.deadline > ticks) {
            ticks = next.deadline;
        }
        return ticks;
    }

    boolean hasTimers() {
        return firstLive() != null;
    }

    private Timer firstLive() {
        Timer t = timers.peek();
        while (t != null && t.cancelled) {
            timers.poll();
            t = timers.peek();
        }
        return t;
    }

    Timer add(long deltaTicks, int cpu, Runnable action) {
        Timer t = new Timer(ticks + Math.max(1, deltaTicks), seq++, cpu, action);
        timers.add(t);
        return t;
    }

    /** Removes and returns the next expired timer for {@code cpu}, or null. */
    Timer expired(int cpu) {
        for (Timer t : timers) {
            if (!t.cancelled && t.cpu == cpu && t.deadline <= ticks) {
                return t;
            }
        }
        return null;
    }

    void remove(Timer t) {
        timers.remove(t);
    }
}
