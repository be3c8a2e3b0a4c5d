package org.lockwitness.benchmarks.agent;

/** A main that does nothing, for {@link AgentStartupBenchmark}. */
public final class TrivialMain {

    private TrivialMain() {
    }

    public static void main(String[] args) {
        // nothing: the JVM's start-up, with or without the agent, is what is measured
    }
}
