package org.lockwitness.samples.guide;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.RunResult.Status;

/**
 * Every run of a guide example that the tests make: which example, which form, the agent options it
 * needs beyond {@code report=}, how the machine's run ends, and the rules the witness must report
 * (exactly; none for a fixed form). The id is what {@code <!-- report: ID -->} in the guide names.
 *
 * <p>Thread-safety: immutable.
 */
final class GuideExamples {

    /**
     * One run.
     *
     * @param id      {@code Example/buggy}, {@code Example/fixed}, or with {@code +config}
     * @param example the simple name of the example class
     * @param buggy   which form
     * @param options agent options after {@code report=DIR} ({@code windows=lines},
     *                {@code config=guide/FILE} naming a test resource), or empty
     * @param status  how {@code run} ends (the same with and without the agent)
     * @param rules   the rules in {@code witness.json}
     */
    record Run(String id, String example, boolean buggy, String options, Status status, Set<String> rules) {

        @Override
        public String toString() {
            return id;
        }
    }

    static final List<Run> RUNS = List.of(
            buggy("MachineAndThreads", Status.HUNG, "LOCK_ORDER_REVERSAL", "DEADLOCK"),
            fixed("MachineAndThreads"),
            buggy("InterruptFilters", Status.HALTED, "SLEEP_LOCK_IN_INTERRUPT"),
            fixed("InterruptFilters"),
            buggy("SpinAndSleepMutexes", Status.COMPLETED, "SLEEP_LOCK_UNDER_SPIN"),
            fixed("SpinAndSleepMutexes"),
            buggy("SxAndRw", Status.COMPLETED, "LOCK_ORDER_REVERSAL"),
            fixed("SxAndRw"),
            buggy("RmLocks", Status.COMPLETED, "SLEEP_WITH_LOCKS_HELD"),
            fixed("RmLocks"),
            buggy("LockManager", Status.HALTED, "ASSERTION_FAILED", "RELEASE_NOT_OWNED", "KERNEL_PANIC"),
            fixed("LockManager"),
            buggy("SleepAndWakeup", Status.HUNG, "SLEEP_WITH_LOCKS_HELD"),
            fixed("SleepAndWakeup"),
            buggy("ConditionVariables", Status.COMPLETED, "SLEEP_WITH_LOCKS_HELD"),
            fixed("ConditionVariables"),
            buggy("Callouts", Status.COMPLETED, "LOCK_ORDER_REVERSAL"),
            fixed("Callouts"),
            buggy("Taskqueues", Status.HALTED, "SLEEP_LOCK_IN_INTERRUPT"),
            fixed("Taskqueues"),
            buggy("TokensAndSerializers", Status.COMPLETED, "LOCK_ORDER_REVERSAL"),
            fixed("TokensAndSerializers"),
            buggy("SmpRendezvous", Status.HALTED, "PREEMPT_IN_RENDEZVOUS"),
            fixed("SmpRendezvous"),
            buggy("PerCpuData", Status.COMPLETED, "PCPU_UNPINNED"),
            fixed("PerCpuData"),
            buggy("RequiredLocks", Status.COMPLETED, "REQUIRED_LOCK_NOT_HELD"),
            fixed("RequiredLocks"),
            new Run("KernelCodeWindows/buggy", "KernelCodeWindows", true, "windows=lines", Status.HUNG,
                    Set.of("LOST_WAKEUP")),
            new Run("KernelCodeWindows/fixed", "KernelCodeWindows", false, "windows=lines", Status.COMPLETED,
                    Set.of()),
            new Run("DeclaredOrders/buggy+order", "DeclaredOrders", true, "config=guide/declared-order.conf",
                    Status.COMPLETED, Set.of("LOCK_ORDER_REVERSAL")),
            new Run("DeclaredOrders/buggy", "DeclaredOrders", true, "", Status.COMPLETED, Set.of()),
            new Run("DeclaredOrders/fixed+order", "DeclaredOrders", false, "config=guide/declared-order.conf",
                    Status.COMPLETED, Set.of()),
            new Run("DeclaredOrders/buggy+blessed", "DeclaredOrders", true, "config=guide/blessed.conf",
                    Status.COMPLETED, Set.of()));

    private GuideExamples() {
    }

    private static Run buggy(String example, Status status, String... rules) {
        return new Run(example + "/buggy", example, true, "", status, Set.of(rules));
    }

    private static Run fixed(String example) {
        return new Run(example + "/fixed", example, false, "", Status.COMPLETED, Set.of());
    }

    /** @return the run with this id */
    static Run named(String id) {
        return RUNS.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no guide run " + id));
    }

    /** @return the example's class */
    static Class<?> exampleClass(String example) throws ClassNotFoundException {
        return Class.forName(GuideExamples.class.getPackageName() + "." + example);
    }

    /** Calls the example's {@code run(boolean)} in this JVM. */
    static RunResult runHere(Run r) throws ReflectiveOperationException {
        try {
            return (RunResult) exampleClass(r.example()).getMethod("run", boolean.class).invoke(null, r.buggy());
        } catch (InvocationTargetException e) {
            throw new AssertionError(r.id() + " threw", e.getCause());
        }
    }
}
