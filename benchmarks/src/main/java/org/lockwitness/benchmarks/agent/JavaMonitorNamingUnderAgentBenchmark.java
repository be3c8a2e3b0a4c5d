package org.lockwitness.benchmarks.agent;

import org.openjdk.jmh.annotations.Fork;

/** {@link JavaMonitorNamingBenchmark} under the agent, Java locks only. */
@Fork(value = 1, jvmArgsAppend = AgentJar.ARG + "=" + AgentJar.REPORT + ",locks=java")
public class JavaMonitorNamingUnderAgentBenchmark extends JavaMonitorNamingBenchmark {
}
