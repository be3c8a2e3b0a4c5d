/**
 * JMH benchmarks of the agent: start-up added to a trivial program, a model lock pair with and
 * without the agent, and the cost of line windows. Each benchmark forks JVMs of its own.
 *
 * <p>Thread-safety: JMH state objects, one per benchmark thread.
 */
package org.lockwitness.benchmarks.agent;
