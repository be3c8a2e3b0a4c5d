/**
 * JMH benchmarks of the Java-lock hooks: a {@code ReentrantLock} pair and a {@code synchronized} pair
 * with {@code depth} locks already held, without the agent ({@link JavaLockPairBenchmark}), under it
 * with {@code locks=java} ({@link JavaLockPairUnderAgentBenchmark}) and with Guava's
 * {@code CycleDetectingLockFactory} ({@link GuavaLockPairBenchmark}); and {@link H2Macro}, the wall
 * time of a real multi-threaded workload with and without the agent.
 *
 * <p>Thread-safety: JMH state objects, one per benchmark thread.
 */
package org.lockwitness.benchmarks.jlock;
