package org.lockwitness.benchmarks.agent;

import org.openjdk.jmh.annotations.Fork;

/** {@link MtxLockBenchmark} under the agent ({@code windows=probes}, the default). */
@Fork(value = 3, jvmArgsAppend = AgentJar.ARG + "=" + AgentJar.REPORT)
public class MtxLockUnderAgentBenchmark extends MtxLockBenchmark {
}
