package org.lockwitness.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.lockwitness.kernel.probe.NoWindows;
import org.lockwitness.kernel.probe.RunEnd;

/**
 * How one run of a {@link Machine} starts and ends: once, and within its wall-clock limit whatever
 * its kernel threads do.
 *
 * <p>Design: nothing here takes a Java monitor or a lock. A run starts with a compare-and-set, so a
 * machine runs once. It ends with one too: the first thread to claim the end (a kernel thread that
 * completes, hangs, panics or throws, or the controlling thread when the wall-clock limit expires)
 * builds the {@link RunResult}, publishes it and releases the controlling thread; later claims are
 * ignored. The controlling thread waits for that release with a timeout, so a kernel thread stuck on
 * the host (blocked on a Java monitor another kernel thread holds across a scheduling point, looping,
 * or sleeping) cannot stop it. On time-out it poisons the machine and, before anything unwinds,
 * asks the JVM what each carrier thread is blocked on ({@link HostStalls}); that goes into the
 * result. If a kernel thread had claimed the end and does not publish within a short grace, the
 * controlling thread publishes its TIMED_OUT result in its place.
 *
 * <p>Once the result is out, {@link #stop} makes the run's end final for the host too: it wakes every
 * carrier thread and waits, within the grace, until each has unwound, so that no kernel thread of
 * this machine still reports events when the next machine starts (in PARALLEL mode the other CPUs
 * run on until their next scheduling point). A TIMED_OUT run's carriers may be stuck on the host
 * for good; they are woken but not waited for.
 *
 * <p>Thread-safety: {@link #begin}, {@link #await} and {@link #stop} run on the controlling thread;
 * {@link #finish} on any thread.
 */
@NoWindows
final class RunControl {

    /** How long a kernel thread that claimed the end of a timed-out run gets to publish it. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Machine machine;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicReference<RunResult> result = new AtomicReference<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean poisoned;

    RunControl(Machine machine) {
        this.machine = machine;
    }

    /** Starts the run. @throws IllegalStateException if the machine ran already */
    void begin() {
        if (poisoned) {
            throw new IllegalStateException("machine timed out earlier and is poisoned");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a machine runs once");
        }
    }

    /** @return whether the run started */
    boolean started() {
        return started.get();
    }

    /**
     * Waits for the end of the run, at most {@code limit}; then ends it TIMED_OUT.
     *
     * @return how the run ended
     */
    RunResult await(Duration limit) {
        if (!await(done, limit)) {
            timeOut(limit);
        }
        return result.get();
    }

    /**
     * Stops the machine after {@code result}: every kernel thread sees it dead, and unless the run
     * timed out, each carrier thread has ended when this returns, or the grace has expired.
     */
    void stop(RunResult result) {
        machine.dead = true;
        List<KThread> all = machine.threadsSnapshot();
        for (KThread td : all) {
            LockSupport.unpark(td.carrier);
        }
        if (result.status() == RunResult.Status.TIMED_OUT) {
            return;
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (KThread td : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !join(td.carrier, left)) {
                return;
            }
        }
    }

    /** @return what the checker is told about the end of the run of machine {@code id} */
    static RunEnd ended(int id, RunResult result, long wallNanos) {
        List<String> waiters = new ArrayList<>();
        if (result.status() == RunResult.Status.HUNG) {
            for (RunResult.ThreadReport t : result.threads()) {
                if (t.state() == KThread.State.LOCK || t.state() == KThread.State.SLEEPING) {
                    waiters.add(t.toString());
                }
            }
        }
        return new RunEnd(id, result.status().name(), result.reason(), waiters, result.steps(), wallNanos);
    }

    /** Ends the run once; later calls, and calls after a time-out, are ignored. */
    void finish(RunResult.Status status, String reason, Throwable cause) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        List<KThread> all = machine.threadsSnapshot();
        List<String> detections = List.of();
        KThread cur = KThread.current();
        boolean stuck = status == RunResult.Status.HUNG || status == RunResult.Status.STEP_LIMIT;
        if (cur != null && cur.machine == machine && !machine.parallel
                && (stuck || status == RunResult.Status.COMPLETED)) {
            detections = Detection.run(machine, all, stuck);
        }
        publish(build(status, reason, cause, all, detections, Map.of()));
    }

    private void timeOut(Duration limit) {
        poisoned = true;
        List<KThread> all = machine.threadsSnapshot();
        Map<KThread, String> host = HostStalls.of(all);
        String reason = "wall-clock limit of " + limit + " expired" + HostStalls.summary(all, host);
        if (ending.compareAndSet(false, true)) {
            publish(build(RunResult.Status.TIMED_OUT, reason, null, all, List.of(), host));
        } else if (!await(done, GRACE)) {
            publish(build(RunResult.Status.TIMED_OUT, reason + "; the kernel thread ending the run did not finish",
                    null, all, List.of(), host));
        }
    }

    private RunResult build(RunResult.Status status, String reason, Throwable cause, List<KThread> all,
            List<String> detections, Map<KThread, String> host) {
        List<RunResult.ThreadReport> reports = new ArrayList<>();
        for (KThread t : all) {
            if (!t.idle) {
                reports.add(new RunResult.ThreadReport(t.name, t.tid, t.state, t.waitingFor, t.cpuId(), t.priority,
                        host.getOrDefault(t, "")));
            }
        }
        return new RunResult(status, reason, cause, machine.steps(), machine.ticks(), reports, machine.trace,
                detections);
    }

    private void publish(RunResult r) {
        result.compareAndSet(null, r);
        machine.dead = true;
        done.countDown();
    }

    private static boolean join(Thread carrier, long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedJoin(carrier, nanos);
            return !carrier.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean await(CountDownLatch latch, Duration limit) {
        try {
            return latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
