package org.lockwitness.benchmarks.agent;

/**
 * Where the benchmarks find the built agent: {@code agent/target/lockwitness-agent.jar}, relative to
 * the directory JMH runs in, which must be the repository root
 * ({@code java -jar benchmarks/target/benchmarks.jar ...}). Build the agent first
 * ({@code mvn -B -pl benchmarks -am package -DskipTests} does).
 */
final class AgentJar {

    /** The {@code -javaagent} argument, without options. */
    static final String ARG = "-javaagent:agent/target/lockwitness-agent.jar";
    /** Agent options shared by every benchmark: reports go under the benchmarks' target. */
    static final String REPORT = "report=benchmarks/target/lockwitness-jmh-report";

    private AgentJar() {
    }
}
