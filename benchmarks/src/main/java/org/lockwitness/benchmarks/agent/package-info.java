/**
 * JMH benchmarks of the agent: start-up added to a trivial program, a model lock pair with and
 * without the agent, the cost of line windows, and a {@code synchronized} pair by how the agent
 * names its locks (field, allocation site, class). Each benchmark forks JVMs of its own.
 *
 * <p>Thread-safety: JMH state objects, one per benchmark thread.
 */
package org.lockwitness.benchmarks.agent;
