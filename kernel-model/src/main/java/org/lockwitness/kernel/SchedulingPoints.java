package org.lockwitness.kernel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * The scheduling points of one {@link Machine}: each counts a step and advances simulated time,
 * posts the hardclock interrupt on every tick ({@code hardclock}, {@code kern_clock.c}), lets the
 * running CPU take a pending interrupt, and in DETERMINISTIC mode asks the {@link Strategy} which
 * CPU runs next and hands the machine over. When no CPU can make progress it jumps to the next
 * timer or ends the run. FreeBSD's CPUs run at once and have no such point; it is the model's.
 *
 * <p>Design: in DETERMINISTIC mode only the CPU in {@link #activeCpu} runs, so the step count and
 * the trace are plain fields written by one thread at a time, and the hand-over is a volatile write
 * of {@link #activeCpu} after every state change, then an unpark of the next CPU's thread. In
 * PARALLEL mode the CPUs share an atomic step count and idle CPUs park briefly.
 *
 * <p>Thread-safety: called only by the running kernel threads of its machine (and by
 * {@link Machine#run} before they start).
 */
@NoWindows
final class SchedulingPoints {
    private final Machine machine;
    private final Cpu[] cpus;
    private final boolean parallel;
    private final Clock clock;
    private final Strategy strategy;
    private final Trace trace;
    private final PointView view;
    private final AtomicLong parallelSteps = new AtomicLong();
    private long steps;
    long stepLimit;
    volatile String haltRequest;
    volatile int activeCpu;

    SchedulingPoints(Machine machine) {
        this.machine = machine;
        this.cpus = machine.cpus;
        this.parallel = machine.parallel;
        this.clock = machine.clock;
        this.strategy = machine.strategy;
        this.trace = machine.trace;
        this.view = new PointView(cpus);
    }

    /** @return the scheduling points taken so far */
    long steps() {
        return parallel ? parallelSteps.get() : steps;
    }

    /**
     * A scheduling point on the running thread: count it, advance time, maybe take an interrupt,
     * maybe hand the machine to another CPU.
     */
    void point(KThread td, SchedulingPoint.Kind kind) {
        if (td.atomic != 0) {
            if (kind == SchedulingPoint.Kind.WINDOW) {
                return;
            }
            throw new IllegalStateException(kind + " scheduling point in an atomic section of " + td);
        }
        if (machine.dead) {
            throw MachineStop.INSTANCE;
        }
        String halt = haltRequest;
        if (halt != null) {
            machine.finish(RunResult.Status.HALTED, halt, null);
            throw MachineStop.INSTANCE;
        }
        td.cpu.count(kind);
        long now = parallel ? parallelSteps.incrementAndGet() : ++steps;
        if (now > stepLimit) {
            machine.finish(RunResult.Status.STEP_LIMIT, "step limit of " + stepLimit + " scheduling points reached", null);
            throw MachineStop.INSTANCE;
        }
        if (clock.advanceTo(now)) {
            postHardclock();
        }
        Cpu c = td.cpu;
        if (c.intrEnabled) {
            int v = c.nextPending();
            if (v >= 0 && (parallel || strategy.deliver(view.at(kind, now, c), v))) {
                if (!parallel) {
                    trace.record(now, Trace.DELIVER, (c.id << 16) | v);
                }
                Interrupts.deliver(td, c, v);
                c = td.cpu;
            }
        }
        if (parallel) {
            if (kind == SchedulingPoint.Kind.IDLE) {
                parallelIdle();
            } else if (kind == SchedulingPoint.Kind.SPIN) {
                c.spinDelay();
            }
            return;
        }
        if (kind == SchedulingPoint.Kind.IDLE) {
            c.idling = true;
            chooseCpu(td, c, kind, now);
            c.idling = false;
        } else {
            chooseCpu(td, c, kind, now);
        }
    }

    private void chooseCpu(KThread td, Cpu c, SchedulingPoint.Kind kind, long now) {
        PointView v = view.at(kind, now, c);
        int next = strategy.nextCpu(v);
        if (next < 0 || next >= cpus.length || !v.runnable(next)) {
            next = v.runnable(c.id) ? c.id : (v.runnableCount() > 0 ? v.runnableCpu(0) : -1);
        }
        if (next < 0) {
            idleMachine(now);
            return;
        }
        if (next != c.id) {
            trace.record(now, Trace.SWITCH_CPU, next);
            activeCpu = next;
            cpus[next].curthread.unpark();
            td.awaitRun();
        }
    }

    /** No CPU can make progress: jump to the next timer, or end the run. */
    private void idleMachine(long now) {
        if (machine.kthreads.noneLive()) {
            machine.finish(RunResult.Status.COMPLETED, "every thread exited", null);
            throw MachineStop.INSTANCE;
        }
        long tick = clock.jumpToNextTimer();
        if (tick < 0) {
            machine.finish(RunResult.Status.HUNG, "no thread can run and no timer is pending", null);
            throw MachineStop.INSTANCE;
        }
        steps = Math.max(steps, tick * clock.stepsPerTick());
        trace.record(now, Trace.TIME_JUMP, (int) tick);
        postHardclock();
    }

    private void parallelIdle() {
        if (machine.kthreads.noneLive()) {
            machine.finish(RunResult.Status.COMPLETED, "every thread exited", null);
            throw MachineStop.INSTANCE;
        }
        LockSupport.parkNanos(20_000);
    }

    private void postHardclock() {
        for (Cpu c : cpus) {
            c.post(Irq.HARDCLOCK);
        }
    }
}
