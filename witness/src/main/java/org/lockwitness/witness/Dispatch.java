package org.lockwitness.witness;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What happens around a finding: the rule's slow work runs under the checker lock, then, outside
 * it, the reports are asked for a rewrite and a {@link Policy#PANIC} finding goes to the panic
 * handler; and an exception of the checker becomes a {@link Rule#CHECKER_FAULT} finding. FreeBSD's
 * {@code witness_debugger} (print, then enter the debugger or panic) and lockdep's
 * {@code debug_locks_off} path.
 *
 * <h2>Design and thread-safety</h2>
 * Thread-safe. The lock is held only for the rule's own work; the report request only sets a flag
 * and the panic handler runs with the lock released, so a handler that halts the machine or takes
 * model locks cannot deadlock with another thread's event. While the handler runs, the reporting
 * thread's {@link WitnessThread#busy} flag makes the façade ignore that thread's events: the
 * handler may drive the model, whose probes must not re-enter the rule that is panicking.
 */
final class Dispatch {
    /** The report files this dispatch asks to rewrite; their writer's faults come back here. */
    final Reports reports;
    private final WitnessState state;
    private final Consumer<Finding> panicHandler;

    Dispatch(WitnessState state, WitnessOptions options) {
        this.state = state;
        this.panicHandler = options.panicHandler;
        this.reports = new Reports(options, state::snapshot, this::fault);
    }

    /**
     * Runs {@code action} under the checker lock, then requests a report if a finding is new and
     * calls the panic handler with the finding the action returned, if any (a PANIC finding).
     *
     * @param t the reporting thread, marked busy while the handler runs; null for machine events
     */
    void run(WitnessThread t, Supplier<Finding> action) {
        Finding panic;
        boolean fresh;
        synchronized (state) {
            panic = action.get();
            fresh = state.takeNewFinding();
        }
        if (fresh) {
            reports.request();
        }
        if (panic != null) {
            if (t != null) {
                t.busy = true;
            }
            try {
                panicHandler.accept(panic);
            } catch (Throwable e) {
                fault(e, Messages.PANIC_HANDLER);
            } finally {
                if (t != null) {
                    t.busy = false;
                }
            }
        }
    }

    /**
     * Records {@code error} as a {@link Rule#CHECKER_FAULT} keyed by {@code where} and the
     * exception class ({@link Witness#fault}). Never throws.
     */
    void fault(Throwable error, String where) {
        try {
            String what = error.getClass().getName();
            Finding panic;
            boolean fresh;
            synchronized (state) {
                panic = state.report(Rule.CHECKER_FAULT, where + '\u0000' + what, Messages.fault(where, error),
                        List.of(), List.of(), List.of(new Backtrace(Messages.EXCEPTION, state.stacks.frames(error))),
                        null);
                fresh = state.takeNewFinding();
            }
            if (fresh) {
                reports.request();
            }
            if (panic != null && !where.equals(Messages.PANIC_HANDLER)) {
                panicHandler.accept(panic);
            }
        } catch (Throwable ignored) {
            // the last line of defence: a fault while recording a fault is dropped
        }
    }
}
