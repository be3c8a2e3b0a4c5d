package org.lockwitness.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.lockwitness.agent.runtime.ProbeRuntime;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.kernel.probe.RunEnd;
import org.lockwitness.kernel.probe.RunStart;
import org.lockwitness.kernel.probe.ScheduleInfo;
import org.lockwitness.witness.Witness;

/**
 * The model's {@link Checker} SPI, backed by the witness and the agent's options. Loaded only when
 * the kernel model is on the class path.
 *
 * <p>Thread-safety: thread-safe, as the witness is; the options and the jar path are immutable.
 */
final class AgentChecker extends Checker {

    private final Witness witness;
    private final AgentOptions options;
    private final Optional<Path> jar;
    private final Runnable launcherOnly;

    /**
     * @param jar          the agent jar, or empty when the agent was not loaded from one
     * @param launcherOnly what {@link #launcherOnly()} does: quiets the exit summary's no-report line
     */
    AgentChecker(Witness witness, AgentOptions options, Optional<Path> jar, Runnable launcherOnly) {
        this.witness = witness;
        this.options = options;
        this.jar = jar;
        this.launcherOnly = launcherOnly;
    }

    /** Installs a checker for the witness and returns how a panic halts the machine. */
    static Consumer<String> install(Witness witness, AgentOptions options, Optional<Path> jar,
            Runnable launcherOnly) {
        AgentChecker checker = new AgentChecker(witness, options, jar, launcherOnly);
        Checker.install(checker);
        return checker::halt;
    }

    @Override
    public boolean isPresent() {
        return true;
    }

    @Override
    public void reset() {
        witness.reset();
        ProbeRuntime.reset();
    }

    @Override
    public List<CheckerFinding> findings() {
        List<CheckerFinding> out = new ArrayList<>();
        for (org.lockwitness.witness.Finding f : witness.findings()) {
            out.add(new CheckerFinding(f.rule().name(), f.message(), f.locks(), f.sites(),
                    (int) Math.min(Integer.MAX_VALUE, f.count())));
        }
        return out;
    }

    @Override
    public void runInfo(ScheduleInfo info) {
        witness.runs().schedule(info.command(), info.seed(), info.strategy(), info.replay(), info.index());
    }

    @Override
    public void runStarted(RunStart start) {
        witness.runs().started(start.machine(), start.seed(), start.strategy(), start.mode(), start.cpus());
    }

    @Override
    public void runEnded(RunEnd end) {
        witness.runs().ended(end.machine(), end.outcome(), end.reason(), end.waiters(), end.steps(), end.wallNanos());
    }

    @Override
    public Optional<String> javaAgentArgument(Map<String, String> agentOptions) {
        return jar.map(j -> AgentOptions.javaAgentArgument(j, agentOptions));
    }

    @Override
    public Map<String, String> agentOptions() {
        return options.forRelaunch();
    }

    @Override
    public void launcherOnly() {
        launcherOnly.run();
    }

    @Override
    public Windows windows() {
        return Windows.valueOf(options.windows.name());
    }
}
