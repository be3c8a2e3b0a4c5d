/**
 * JMH benchmarks of the witness called directly: the known-order fast path against no checker and
 * against Guava's {@code CycleDetectingLockFactory}, at several lock depths; and the cost in time
 * and retained heap of a never-seen order at several graph sizes, with and without stacks, with
 * the orders inserted in random and in reverse topological order.
 *
 * <p>Thread-safety: JMH state objects, one per benchmark thread.
 */
package org.lockwitness.benchmarks.witness;
