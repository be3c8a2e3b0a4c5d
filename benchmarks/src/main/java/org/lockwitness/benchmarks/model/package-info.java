/**
 * JMH benchmarks of the kernel model alone, without a checker: scheduling points, CPU hand-overs
 * and an uncontended sleep mutex pair.
 *
 * <p>Thread-safety: JMH state objects, one per benchmark thread.
 */
package org.lockwitness.benchmarks.model;
