/**
 * WITNESS for the JVM: a lock-order and context checker with the semantics of FreeBSD's WITNESS
 * ({@code subr_witness.c}) and Linux's lockdep, fed one call per event by a caller that knows the
 * kernel; the package knows nothing of the kernel model.
 *
 * <h2>The API</h2>
 * {@link org.lockwitness.witness.Witness} is the one entry point: lock enrolment, lock, context and
 * machine events, results and reports (the context and machine events are declared in its
 * package-private superclass {@code ContextEvents}, the Java threads' events in
 * {@code JavaThreadEvents}, and are Witness's methods). Its vocabulary:
 * {@link org.lockwitness.witness.LockKind},
 * {@link org.lockwitness.witness.LockFlags}, {@link org.lockwitness.witness.OpFlags},
 * {@link org.lockwitness.witness.LockAssert}, {@link org.lockwitness.witness.SwitchKind} and the
 * per-thread handle {@link org.lockwitness.witness.WitnessThread}; its settings:
 * {@link org.lockwitness.witness.WitnessOptions} and {@link org.lockwitness.witness.WitnessConfig};
 * its results: {@link org.lockwitness.witness.Finding} of a {@link org.lockwitness.witness.Rule}
 * with a {@link org.lockwitness.witness.Policy}, each with its
 * {@link org.lockwitness.witness.Backtrace}s. The report files are written by the {@code report}
 * sub-package.
 *
 * <h2>Inside, by family</h2>
 * As {@code subr_witness.c}'s sections share private state, the package-private classes are grouped
 * by the rule family they implement, around one state: the façade's guard ({@code EventGuard}); the
 * order check ({@code OrderCheck}, {@code witness_checkorder}); the hold rules ({@code HoldRules},
 * {@code witness_lock}, {@code witness_unlock} and the rest); the context rules
 * ({@code ContextRules}, {@code witness_warn} and the preemption checks); the machine events
 * ({@code MachineEvents}); lock init ({@code Enrollment}, {@code KindRules}); the state behind the
 * checker lock ({@code WitnessState}, with {@code ClassTable}, {@code OrderGraph},
 * {@code OrderCache}, {@code StackStore}, {@code Findings}, {@code CpuTable}; the graph's
 * {@code OrderEdges}, {@code TopoOrder} and {@code StrongPaths}); the lock-id layout ({@code LockId});
 * every message text ({@code Messages} for the locks' rules, {@code ContextMessages} for the context
 * rules and the machine's events); and what follows a finding ({@code Dispatch},
 * {@code Reports}).
 *
 * <h2>Thread-safety</h2>
 * The public API is thread-safe, subject to one confinement: a {@code WitnessThread} is used only
 * by its own thread, and the events of a CPU come from the thread running on it. The fast path of
 * an event reads only that confined state and a lock-free cache of known orders, and allocates
 * nothing; whatever may change shared state (a new order, a reversal, a type, a finding) runs under
 * one checker lock, FreeBSD's {@code w_mtx}, and the panic handler and the report writer run
 * outside it. The value types ({@code Finding}, {@code Backtrace}, {@code WitnessOptions},
 * {@code WitnessConfig}, the enums and flag holders) are immutable.
 */
package org.lockwitness.witness;
