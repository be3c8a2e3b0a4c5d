package org.lockwitness.benchmarks.agent;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of {@code java -cp benchmarks.jar TrivialMain}, with and without the agent: the
 * difference is what the agent adds to start-up (option parsing, the witness, the transformer, the
 * shutdown hook and its summary). Each measured shot is a fresh JVM: 25 per variant, so that the
 * median and the interquartile range can be read from the raw shots ({@code -rf json}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 25)
public class AgentStartupBenchmark {

    @Param({"false", "true"})
    public boolean agent;

    @Benchmark
    public int trivialMain() throws Exception {
        return FreshJvm.run(agent ? List.of(AgentJar.ARG + "=" + AgentJar.REPORT) : List.of(), TrivialMain.class);
    }
}
