package org.lockwitness.benchmarks.jlock;

import org.openjdk.jmh.annotations.Fork;

/** {@link JavaLockPairs} without the agent: the JDK's own cost. */
@Fork(1)
public class JavaLockPairBenchmark extends JavaLockPairs {
}
