/**
 * The model's side of the contract with a checker: the probe annotations that mark each semantic
 * moment of a primitive (acquire, release, sleep, switch, critical section, interrupt, rendezvous
 * handler, …), the markers for interrupt windows ({@link org.lockwitness.kernel.probe.KernelCode},
 * {@link org.lockwitness.kernel.probe.NoWindows}, {@link org.lockwitness.kernel.probe.Shared}), the
 * {@link org.lockwitness.kernel.probe.Requires} contract on user methods, and the
 * {@link org.lockwitness.kernel.probe.Checker} SPI that a checker (the lockwitness agent) implements.
 *
 * <p>Nothing here depends on a checker: without the agent the annotations are inert and the model
 * sees {@link org.lockwitness.kernel.probe.Checker#none()}.
 *
 * <p>Thread-safety: the annotations are immutable; the SPI's installed checker is published through
 * a volatile field, and implementations must be thread-safe.
 */
package org.lockwitness.kernel.probe;
