package org.lockwitness.agent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lockwitness.agent.runtime.ProbeRuntime;
import org.lockwitness.agent.weave.Counters;
import org.lockwitness.witness.Finding;
import org.lockwitness.witness.Witness;

/**
 * What happens at exit: the final reports and the summary on stderr, which warns loudly when no
 * probe was woven.
 *
 * <p>Thread-safety: thread-safe; {@link #atExit()} runs on the shutdown-hook thread.
 */
final class ExitSummary {

    private final Witness witness;
    private final Counters counters;
    private final AgentOptions options;

    ExitSummary(Witness witness, Counters counters, AgentOptions options) {
        this.witness = witness;
        this.counters = counters;
        this.options = options;
    }

    /** Writes the final reports and prints the summary. Never throws. */
    void atExit() {
        try {
            witness.writeReports();
        } catch (Throwable e) {
            System.err.println("lockwitness: could not write the report to " + options.report.toAbsolutePath() + ": "
                    + e);
        }
        try {
            System.err.println(summary());
        } catch (Throwable e) {
            System.err.println("lockwitness: no summary: " + e);
        }
    }

    String summary() {
        List<Finding> findings = witness.findings();
        Map<String, Long> byRule = new TreeMap<>();
        for (Finding f : findings) {
            byRule.merge(f.rule().name(), f.count(), Long::sum);
        }
        StringBuilder s = new StringBuilder();
        if (counters.probesWoven() == 0) {
            if (counters.modelClassesTransformed() > 0 && counters.transformErrors() == 0) {
                s.append("lockwitness: no class with a probe was loaded (no model primitive ran in this JVM)\n");
            } else {
                s.append("lockwitness: *** WARNING: NO PROBE WAS WOVEN: the kernel model (org.lockwitness.kernel)")
                        .append(" was not instrumented, so nothing was checked ***\n");
            }
        }
        s.append("lockwitness: ").append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
        if (!byRule.isEmpty()) {
            s.append(' ').append(byRule);
        }
        s.append(", report in ").append(options.report.toAbsolutePath()).append('\n');
        s.append("lockwitness: classes transformed ").append(counters.classesTransformed())
                .append(", probes woven ").append(counters.probesWoven())
                .append(", call sites ").append(counters.callSites())
                .append(", windows woven ").append(counters.windowsWoven())
                .append(", windows removed ").append(counters.windowsStripped())
                .append(", events seen ").append(ProbeRuntime.events());
        if (counters.transformErrors() > 0) {
            s.append(", transform errors ").append(counters.transformErrors());
        }
        return s.toString();
    }
}
