package org.lockwitness.benchmarks.agent;

import java.util.ArrayList;
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
 * Wall time of a fresh JVM that runs a small model program ({@link SmallModelMain}), without the
 * agent and under it: unlike {@link AgentStartupBenchmark}'s trivial {@code main}, the model's
 * classes load and are woven, the witness sees events and the reports are written, as in every
 * forked test of this project and every short simulation. {@code agent} is {@code none} or the
 * path of an agent jar, so that two builds of the agent can be compared in one run
 * ({@code -p agent=none,agent/target/lockwitness-agent.jar,/elsewhere/lockwitness-agent.jar}).
 * The JVMs run with the quick compiler alone ({@code -XX:TieredStopAtLevel=1}), as the tests' do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 20)
public class ModelStartupBenchmark {

    @Param({"none", "agent/target/lockwitness-agent.jar"})
    public String agent;

    @Benchmark
    public int smallModel() throws Exception {
        List<String> jvmArgs = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        if (!agent.equals("none")) {
            jvmArgs.add("-javaagent:" + agent + "=" + AgentJar.REPORT);
        }
        int status = FreshJvm.run(jvmArgs, SmallModelMain.class);
        if (status != 0) {
            throw new IllegalStateException("the model program failed: exit status " + status);
        }
        return status;
    }
}
