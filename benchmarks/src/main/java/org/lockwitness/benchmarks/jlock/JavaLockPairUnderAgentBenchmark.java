package org.lockwitness.benchmarks.jlock;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link JavaLockPairs} under the agent with {@code locks=java}, instrumenting this package and not
 * JMH's generated harness; the difference from {@link JavaLockPairBenchmark} is the hooks and the
 * witness's fast path (an order already seen).
 */
@Fork(value = 1, jvmArgsAppend = JavaLockAgent.ARG)
public class JavaLockPairUnderAgentBenchmark extends JavaLockPairs {
}
