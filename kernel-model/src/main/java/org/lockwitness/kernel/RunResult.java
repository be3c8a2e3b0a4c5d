package org.lockwitness.kernel;

import java.util.List;

/**
 * How a {@link Machine#run(long)} ended.
 *
 * <p>Thread-safety: immutable.
 */
public final class RunResult {

    /** The outcome. */
    public enum Status {
        /** Every non-daemon kernel thread exited. */
        COMPLETED,
        /** No thread could make progress: every thread is blocked and no timer is pending. */
        HUNG,
        /** A panic, an uncaught throwable in a kernel thread, or a checker's halt request. */
        HALTED,
        /**
         * The wall-clock limit expired: an infrastructure error, never a finding. The reason and the
         * thread reports name what the carrier threads were stuck on in the JVM.
         */
        TIMED_OUT,
        /**
         * The step limit of {@link Machine#run(long)} was reached while threads could still run: the
         * run may be livelocked or just long, but it is not hung.
         */
        STEP_LIMIT
    }

    /**
     * One kernel thread at the end of the run.
     *
     * @param name       its name
     * @param tid        its id
     * @param state      what it was doing
     * @param waitingFor what it waited for (lock, wait channel, spin lock), or empty
     * @param cpu        its CPU
     * @param priority   its priority
     * @param host       for a TIMED_OUT run, what its carrier thread was stuck on in the JVM (a Java
     *                   monitor and its owner, a lock, a frame), else empty
     */
    public record ThreadReport(String name, long tid, KThread.State state, String waitingFor, int cpu,
            int priority, String host) {

        @Override
        public String toString() {
            return name + " (tid " + tid + ", cpu" + cpu + ", pri " + priority + "): " + state
                    + (waitingFor.isEmpty() ? "" : " on " + waitingFor) + (host.isEmpty() ? "" : "; host: " + host);
        }
    }

    private final Status status;
    private final String reason;
    private final Throwable cause;
    private final long steps;
    private final long ticks;
    private final List<ThreadReport> threads;
    private final Trace trace;
    private final List<String> detections;

    RunResult(Status status, String reason, Throwable cause, long steps, long ticks,
            List<ThreadReport> threads, Trace trace, List<String> detections) {
        this.status = status;
        this.reason = reason;
        this.cause = cause;
        this.steps = steps;
        this.ticks = ticks;
        this.threads = List.copyOf(threads);
        this.trace = trace;
        this.detections = List.copyOf(detections);
    }

    /** @return what the model detected at the end: deadlock cycles and lost wakeups */
    public List<String> detections() {
        return detections;
    }

    /** @return the outcome */
    public Status status() {
        return status;
    }

    /** @return why the run ended, in words */
    public String reason() {
        return reason;
    }

    /** @return the throwable that halted the machine, or null */
    public Throwable cause() {
        return cause;
    }

    /** @return the scheduling points taken */
    public long steps() {
        return steps;
    }

    /** @return the simulated ticks elapsed */
    public long ticks() {
        return ticks;
    }

    /** @return every non-idle kernel thread, in creation order */
    public List<ThreadReport> threads() {
        return threads;
    }

    /** @return the decision trace (empty in PARALLEL mode) */
    public Trace trace() {
        return trace;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(status).append(": ").append(reason).append(" after ").append(steps)
                .append(" scheduling points, ").append(ticks).append(" ticks");
        for (String d : detections) {
            b.append("\n  ").append(d);
        }
        for (ThreadReport t : threads) {
            b.append("\n  ").append(t);
        }
        return b.toString();
    }
}
