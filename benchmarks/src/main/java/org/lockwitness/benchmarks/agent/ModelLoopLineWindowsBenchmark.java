package org.lockwitness.benchmarks.agent;

import org.openjdk.jmh.annotations.Fork;

/** {@link ModelLoopBenchmark} with a window before every line of {@code @KernelCode}. */
@Fork(value = 1, jvmArgsAppend = AgentJar.ARG + "=" + AgentJar.REPORT + ",windows=lines")
public class ModelLoopLineWindowsBenchmark extends ModelLoopBenchmark {
}
