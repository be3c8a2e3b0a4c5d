package org.lockwitness.benchmarks.jlock;

/**
 * The agent as the Java-lock benchmarks load it: {@code agent/target/lockwitness-agent.jar} relative
 * to the repository root, where JMH must run ({@code java -jar benchmarks/target/benchmarks.jar}),
 * with {@code locks=java} on this package only.
 */
final class JavaLockAgent {

    /** The {@code -javaagent} argument with its options. */
    static final String ARG = "-javaagent:agent/target/lockwitness-agent.jar=report=benchmarks/target/lockwitness-jmh-jlock,"
            + "locks=java,javaInclude=org.lockwitness.benchmarks.jlock.*,javaExclude=*jmh_generated*";

    private JavaLockAgent() {
    }
}
