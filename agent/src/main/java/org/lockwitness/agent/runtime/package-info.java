/**
 * The agent's run-time side: what woven code calls while the program runs. This package is the
 * one narrow hook between instrumented classes and the witness, as JaCoCo keeps
 * {@code org.jacoco.core.runtime} apart from the code that rewrites classes
 * ({@code org.jacoco.core.instr}).
 *
 * <p>Woven code calls only five public classes: the probe advice inlined into the kernel model
 * calls {@link org.lockwitness.agent.runtime.PairProbes} (a lock pair's three events, the hottest
 * path), {@link org.lockwitness.agent.runtime.Probes} (the other lock events and the context
 * events) and {@link org.lockwitness.agent.runtime.ColdProbes} (sleeps, lock construction,
 * verdicts), call-site instrumentation in host classes
 * calls {@link org.lockwitness.agent.runtime.Sites}, and the exit call woven into the launched
 * {@code main} calls {@link org.lockwitness.agent.runtime.ExitStatus}. They are public because
 * inlined code runs as part of classes in other packages and loaders. The agent's entry package
 * reaches this package through {@link org.lockwitness.agent.runtime.ProbeRuntime}, and its exit
 * summary reads {@link org.lockwitness.agent.runtime.ExitStatus} (whether {@code fail=} set the
 * status); everything else here is package-private.
 *
 * <p>Rules: this package must be loadable from the class loader of the model (the agent jar is on
 * the system class path) and never touches Byte Buddy, ASM, or the weave package, so that no
 * class-file library is loaded by a probe; a test scans the built jar for that. Probes never throw
 * into the model, never block, and allocate nothing on the acquire path.
 *
 * <p>Thread-safety: per-thread state lives in the kernel thread's checker slot
 * ({@code KThread.checkerSlot}, FreeBSD's {@code td_witness}), or in a {@code ThreadLocal} on a thread
 * that is not a kernel thread, confined to its thread either way,
 * per-CPU state is confined to the thread that runs on that CPU, the witness is thread-safe, and
 * the witness handle is published once through a volatile field before any class is woven.
 */
package org.lockwitness.agent.runtime;
