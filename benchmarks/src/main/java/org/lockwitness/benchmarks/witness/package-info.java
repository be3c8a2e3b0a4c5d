/**
 * JMH benchmarks of the witness called directly: the known-order fast path against no checker and
 * against Guava's {@code CycleDetectingLockFactory}, at several lock depths.
 *
 * <p>Thread-safety: JMH state objects, one per benchmark thread.
 */
package org.lockwitness.benchmarks.witness;
