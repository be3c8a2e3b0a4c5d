/**
 * The agent's weaving side: what rewrites class files at load (or retransformation) time, in plain
 * ASM. Nothing here runs inside a probe; the code it weaves calls the
 * {@code org.lockwitness.agent.runtime} package only, as JaCoCo's {@code org.jacoco.core.instr}
 * writes calls into {@code org.jacoco.core.runtime}.
 *
 * <p>{@link org.lockwitness.agent.weave.Weaving} installs the one transformation, built from
 * {@link org.lockwitness.agent.weave.WeaveSettings} ({@link org.lockwitness.agent.weave.Windows},
 * {@link org.lockwitness.agent.weave.ClassPatterns}) and counted in
 * {@link org.lockwitness.agent.weave.Counters}; these are public for the agent's entry package.
 * The rest is package-private: the prefilter ({@code ClassFilter}), the class-file transformer
 * ({@code KernelTransformer}) around the transformation ({@code Weaver}), what it reads of class
 * files ({@code ClassInfo}, {@code ClassLookup}), the probe advice and its advisor, and the
 * call-site and window visitors.
 *
 * <p>Thread-safety: the JVM may transform classes on several threads at once. One instance of
 * each visitor serves all transformations and keeps per-class state in the visitors it creates;
 * shared caches are concurrent maps, counters are atomic, and the witness's site table is
 * thread-safe. A failing transformation leaves the class unchanged and is reported once.
 */
package org.lockwitness.agent.weave;
