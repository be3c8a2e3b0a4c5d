package org.lockwitness.agent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lockwitness.agent.runtime.ExitStatus;
import org.lockwitness.agent.runtime.ProbeRuntime;
import org.lockwitness.agent.runtime.jlock.JavaLockRuntime;
import org.lockwitness.agent.weave.Counters;
import org.lockwitness.witness.Finding;
import org.lockwitness.witness.Witness;

/**
 * What happens at exit: stop the report thread, write the reports once (that write is the last),
 * and print the summary on stderr. A JVM in which nothing woven can produce an event
 * ({@link Counters#eventsPossible()}) writes no report, so it never replaces the report of a run
 * that did; it says so in one line (the loud warning when the model was not instrumented), unless
 * the program said through the SPI that it only launches checked JVMs ({@link #launcherOnly()}) and
 * the model was instrumented. Such a launcher whose own Java locks gave no finding also writes no
 * report and says nothing.
 * A report that cannot be written is said once, in the summary line, and {@link MainReturn} makes
 * it the exit status {@link MainReturn#INFRASTRUCTURE}. An {@code include=} or {@code exclude=}
 * that matched no class gets a warning. Findings of failing rules that did not make the exit status
 * 1 ({@code main} ended by {@code System.exit}, as Surefire's and Gradle's test JVMs do, by an
 * exception, or the agent was attached) are said in one line naming the way to fail a build.
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
    /** The program runs no machine here, it only starts checked JVMs. */
    private volatile boolean launcherOnly;

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
        if (!counters.eventsPossible() || quietLauncher()) {
            return true;
        }
        mainReturnFailure = write();
        return mainReturnFailure == null;
    }

    /** The program runs no machine in this JVM: a JVM that saw nothing to check ends silently. */
    void launcherOnly() {
        launcherOnly = true;
    }

    /**
     * A launcher whose own Java locks (its threads' start and join, a stream reader's monitor) gave
     * nothing to report: it writes no report of its own and says nothing, as when nothing was woven.
     */
    private boolean quietLauncher() {
        return launcherOnly && witness.findings().isEmpty();
    }

    /** Stops the report thread, writes the final reports and prints the summary. Never throws. */
    void atExit() {
        try {
            JavaLockRuntime.sweep();
            witness.close();
            String line = quietLauncher() ? "" : counters.eventsPossible() ? summary(write()) : noReport();
            if (!line.isEmpty()) {
                System.err.println(line);
            }
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
        if (counters.modelSeen() && counters.transformErrors() == 0) {
            return launcherOnly ? "" : "lockwitness: no class with a probe was loaded (no model primitive ran in this JVM): " + kept;
        }
        return "lockwitness: *** WARNING: NO PROBE WAS WOVEN: neither the kernel model (org.lockwitness.kernel) nor"
                + " a Java lock of an application class was instrumented, so nothing was checked *** " + kept;
    }

    /** The summary after the final write, which failed for {@code problem} unless it is null. */
    private String summary(String problem) {
        List<Finding> findings = witness.findings();
        StringBuilder s = new StringBuilder("lockwitness: ").append(plural(findings.size(), "finding"));
        if (!findings.isEmpty()) {
            s.append(" (").append(byRule(findings)).append(')');
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
        if (witness.hasFailures() && !ExitStatus.changedStatus()) {
            s.append("\nlockwitness: findings of the failing rules ").append(ExitStatus.failedRules(witness))
                    .append(" did not change the exit status: main did not return normally (System.exit, as the")
                    .append(" test JVMs of Surefire and Gradle end, an exception, or an attached agent); to fail a")
                    .append(" build, run lockwitness-cli check --fail RULES or the Maven plugin's check");
        }
        unmatched(s, "include", counters.includeMatched());
        unmatched(s, "exclude", counters.excludeMatched());
        return s.toString();
    }

    /**
     * Findings and occurrences per rule, by rule name:
     * {@code SPIN_HELD_TOO_LONG: 1 finding, 1899972 occurrences; ...}.
     */
    static String byRule(List<Finding> findings) {
        Map<String, long[]> byRule = new TreeMap<>();
        for (Finding f : findings) {
            long[] n = byRule.computeIfAbsent(f.rule().name(), k -> new long[2]);
            n[0]++;
            n[1] += f.count();
        }
        StringBuilder s = new StringBuilder();
        byRule.forEach((rule, n) -> s.append(s.length() == 0 ? "" : "; ").append(rule).append(": ")
                .append(plural(n[0], "finding")).append(", ").append(plural(n[1], "occurrence")));
        return s.toString();
    }

    private static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private void unmatched(StringBuilder s, String key, long matched) {
        if (options.given.containsKey(key) && matched == 0) {
            s.append("\nlockwitness: warning: ").append(key).append('=').append(options.given.get(key))
                    .append(" matched no @KernelCode class of the model");
        }
    }
}
