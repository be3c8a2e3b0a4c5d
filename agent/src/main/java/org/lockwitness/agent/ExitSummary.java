package org.lockwitness.agent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lockwitness.agent.runtime.ProbeRuntime;
import org.lockwitness.agent.runtime.jlock.JavaLockRuntime;
import org.lockwitness.agent.weave.Counters;
import org.lockwitness.witness.Finding;
import org.lockwitness.witness.Witness;

/**
 * What happens at exit: stop the report thread, write the reports once (that write is the last),
 * and print the summary on stderr. A JVM in which nothing woven can produce an event
 * ({@link Counters#eventsPossible()}) writes no report, so it never replaces the report of a run
 * that did; it says so in one line (the loud warning when the model was not instrumented).
 * A report that cannot be written is said once, in the summary line, and {@link MainReturn} makes
 * it the exit status {@link MainReturn#INFRASTRUCTURE}. An {@code include=} or {@code exclude=}
 * that matched no class gets a warning.
 *
 * <p>Thread-safety: thread-safe; {@link #atExit()} runs on the shutdown-hook thread,
 * {@link #writeAtMainReturn()} on the main thread.
 */
final class ExitSummary {

    private final Witness witness;
    private final Counters counters;
    private final AgentOptions options;
    /** Why the write when {@code main} returned failed, or null. */
    private volatile String mainReturnFailure;

    ExitSummary(Witness witness, Counters counters, AgentOptions options) {
        this.witness = witness;
        this.counters = counters;
        this.options = options;
    }

    /**
     * The launched {@code main} returned: writes the reports now, if events were possible.
     *
     * @return false when they could not be written
     */
    boolean writeAtMainReturn() {
        JavaLockRuntime.sweep();
        if (!counters.eventsPossible()) {
            return true;
        }
        mainReturnFailure = write();
        return mainReturnFailure == null;
    }

    /** Stops the report thread, writes the final reports and prints the summary. Never throws. */
    void atExit() {
        try {
            JavaLockRuntime.sweep();
            witness.close();
            System.err.println(counters.eventsPossible() ? summary(write()) : noReport());
        } catch (Throwable e) {
            System.err.println("lockwitness: no summary: " + e);
        }
    }

    /** Writes the reports; null when written, else why not, on one line. */
    private String write() {
        try {
            witness.writeReports();
            return null;
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return String.valueOf(cause).replaceAll("\\s+", " ");
        }
    }

    private String noReport() {
        String kept = "no report was written; " + options.report.toAbsolutePath() + " is left as it was";
        if (counters.modelClassesTransformed() > 0 && counters.transformErrors() == 0) {
            return "lockwitness: no class with a probe was loaded (no model primitive ran in this JVM): " + kept;
        }
        return "lockwitness: *** WARNING: NO PROBE WAS WOVEN: neither the kernel model (org.lockwitness.kernel) nor"
                + " a Java lock of an application class was instrumented, so nothing was checked *** " + kept;
    }

    /** The summary after the final write, which failed for {@code problem} unless it is null. */
    private String summary(String problem) {
        List<Finding> findings = witness.findings();
        Map<String, Long> byRule = new TreeMap<>();
        for (Finding f : findings) {
            byRule.merge(f.rule().name(), f.count(), Long::sum);
        }
        StringBuilder s = new StringBuilder("lockwitness: ").append(findings.size())
                .append(findings.size() == 1 ? " finding" : " findings");
        if (!byRule.isEmpty()) {
            s.append(' ').append(byRule);
        }
        String dir = options.report.toAbsolutePath().toString();
        if (problem != null) {
            s.append("; the report could not be written to ").append(dir).append(": ").append(problem);
        } else if (mainReturnFailure != null) {
            s.append(", report in ").append(dir).append(" (the write when main returned failed: ")
                    .append(mainReturnFailure).append(')');
        } else {
            s.append(", report in ").append(dir);
        }
        s.append("\nlockwitness: classes transformed ").append(counters.classesTransformed())
                .append(", probes woven ").append(counters.probesWoven())
                .append(", call sites ").append(counters.callSites())
                .append(", windows woven ").append(counters.windowsWoven())
                .append(", windows removed ").append(counters.windowsStripped())
                .append(", java lock sites ").append(counters.javaLockSites())
                .append(", events seen ").append(ProbeRuntime.events());
        if (counters.transformErrors() > 0) {
            s.append(", transform errors ").append(counters.transformErrors());
        }
        unmatched(s, "include", counters.includeMatched());
        unmatched(s, "exclude", counters.excludeMatched());
        return s.toString();
    }

    private void unmatched(StringBuilder s, String key, long matched) {
        if (options.given.containsKey(key) && matched == 0) {
            s.append("\nlockwitness: warning: ").append(key).append('=').append(options.given.get(key))
                    .append(" matched no @KernelCode class of the model");
        }
    }
}
