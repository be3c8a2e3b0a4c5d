package org.lockwitness.kernel.probe;

/**
 * A machine run starts: what {@link Checker#runStarted} is told before any kernel thread of the
 * machine runs.
 *
 * <p>Thread-safety: immutable.
 *
 * @param machine  the machine's id, unique in the JVM; {@link RunEnd#machine()} names it again
 * @param seed     the seed the machine was built with
 * @param strategy the scheduling strategy's name, e.g. {@code random}
 * @param mode     the machine's mode, {@code DETERMINISTIC} or {@code PARALLEL}
 * @param cpus     the number of CPUs
 */
public record RunStart(int machine, long seed, String strategy, String mode, int cpus) {
}
