package org.lockwitness.agent;

import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.kernel.probe.ScheduleInfo;
import org.lockwitness.witness.Witness;

/**
 * The model's {@link Checker} SPI, backed by the witness. Loaded only when the kernel model is on
 * the class path.
 *
 * <p>Thread-safety: thread-safe, as the witness is.
 */
final class AgentChecker extends Checker {

    private final Witness witness;

    AgentChecker(Witness witness) {
        this.witness = witness;
    }

    /** Installs a checker for the witness and returns how a panic halts the machine. */
    static java.util.function.Consumer<String> install(Witness witness) {
        AgentChecker checker = new AgentChecker(witness);
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
        Probes.CPUS.reset();
        EventTrace.reset();
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
        witness.runInfo(info.command(), info.seed(), info.strategy(), info.replay());
    }
}
