package org.lockwitness.witness;

import java.util.List;
import java.util.Objects;

/**
 * What the caller tells the witness about machine runs, from {@link Witness#runs()}: the schedule a
 * program is about to run, each run's start and end, and a kernel panic. The witness attributes
 * every finding to the run it was first seen in, keeps the notable runs for the reports
 * ({@code witness.json}'s {@code runs}), and at a run's end forgets that run's thread handles and
 * the spin locks it left held. {@link Rule#KERNEL_PANIC} lives here: a panic that the thread's
 * latest finding, at the same site, explains (the "mutex not owned" after
 * {@link Rule#RELEASE_NOT_OWNED}, the "owned by" after {@link Rule#DESTROY_HELD}) is noted on that
 * finding and lives on in the run's HALTED outcome; any other is a finding of its own, so that
 * {@code fail=} can act on it. (A {@link Policy#PANIC} finding halts the machine without a panic:
 * its run ends HALTED with the finding's text.)
 *
 * <p>Thread-safety: thread-safe; every method takes the checker lock and never throws (a fault
 * becomes a {@link Rule#CHECKER_FAULT}). Machines are expected to run one at a time, as the per-CPU
 * held locks already assume; {@link #panicked} follows {@link WitnessThread}'s confinement.
 */
public final class Runs {
    private final WitnessState state;
    private final Dispatch dispatch;

    Runs(WitnessState state, Dispatch dispatch) {
        this.state = state;
        this.dispatch = dispatch;
    }

    /**
     * The program's description of the next machine run: the run header's command (and, until a
     * machine run is known, its seed, strategy and replay), and the schedule index and replay
     * command of the next run and of the findings first seen in it.
     *
     * @param seed the seed, or null when there is none
     * @param index the schedule's index among the program's schedules, from 1
     */
    public void schedule(String command, Long seed, String strategy, String replay, int index) {
        state.run.set(command, seed, strategy, replay);
        locked("schedule", () -> state.runs.schedule(index, replay));
    }

    /**
     * A machine run starts, before any of its kernel threads runs. Findings from now on, and those
     * first seen since the previous run ended, are this run's.
     *
     * @param machine the machine's id, which {@link #ended} names again
     * @param mode the machine's mode, e.g. {@code DETERMINISTIC}
     */
    public void started(int machine, long seed, String strategy, String mode, int cpus) {
        locked("runStarted", () -> state.findings.attribute(state.runs.start(machine, seed, strategy, mode, cpus)));
    }

    /**
     * The machine panicked on thread {@code t} at {@code site}, before it halts. If the thread's latest
     * finding was recorded at the same site, the panic is noted on it ({@link Finding#panic()});
     * otherwise it is a {@link Rule#KERNEL_PANIC} with the panic message, the site and the current
     * stack.
     *
     * @param message the panic message, without {@code panic: }
     */
    public void panicked(WitnessThread t, String message, int site) {
        if (t.busy || state.disabled) {
            return;
        }
        try {
            dispatch.run(t, () -> {
                String here = state.siteText(site);
                if (t.lastFinding != null && here.equals(t.lastFindingSite)
                        && state.findings.explain(t.lastFinding, message)) {
                    return null;
                }
                return state.report(Rule.KERNEL_PANIC, message + '\u0000' + here,
                        ContextMessages.kernelPanic(message, here), List.of(), List.of(here),
                        List.of(state.backtrace()), t);
            });
        } catch (Throwable e) {
            dispatch.fault(e, "panic");
        }
    }

    /**
     * The run of {@code machine} ended and none of its kernel threads runs any more: records the
     * outcome, drops the run's thread handles and forgets the spin locks it left held.
     *
     * @param outcome e.g. {@code COMPLETED}, {@code HUNG}, {@code HALTED}, {@code TIMED_OUT},
     *     {@code STEP_LIMIT}
     * @param reason why, in words (a panic's text for a halt)
     * @param waiters for a hang, each blocked thread and what it waits for
     * @param steps the scheduling points taken
     * @param wallNanos the run's wall-clock time
     */
    public void ended(int machine, String outcome, String reason, List<String> waiters, long steps,
            long wallNanos) {
        Objects.requireNonNull(outcome, "outcome");
        locked("runEnded", () -> {
            long run = state.runs.end(machine, outcome, reason, waiters, steps, wallNanos);
            if (run != 0) {
                state.dropRun(run);
            }
        });
    }

    private void locked(String where, Runnable action) {
        try {
            dispatch.run(null, () -> {
                action.run();
                return null;
            });
        } catch (Throwable e) {
            dispatch.fault(e, where);
        }
    }
}
