package org.lockwitness.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.CheckerFinding;

/**
 * How the CLI prints a run and the checker's findings. The line {@code rules found: [...]} is
 * what {@code demo} reads from the JVMs it forks.
 *
 * <p>Thread-safety: stateless.
 */
final class Findings {

    static final String RULES_FOUND = "rules found: ";
    static final String TIMED_OUT = "TIMED_OUT: ";

    private Findings() {
    }

    /** @return the distinct rules of the findings, sorted */
    static Set<String> rules(List<CheckerFinding> findings) {
        Set<String> rules = new TreeSet<>();
        for (CheckerFinding f : findings) {
            rules.add(f.rule());
        }
        return rules;
    }

    /** @return one line on how a run ended, with its decision trace */
    static String outcome(RunResult r) {
        return r.status() + ": " + r.reason() + " after " + r.steps() + " scheduling points, " + r.ticks()
                + " ticks; trace " + r.trace().size() + " decisions, hash " + Long.toHexString(r.trace().hash());
    }

    /**
     * @param r      a TIMED_OUT run
     * @param replay the command that replays it
     * @return the lines that say so: what timed out, each thread stuck on the host, the replay
     */
    static List<String> timedOut(RunResult r, String replay) {
        List<String> lines = new ArrayList<>();
        lines.add(TIMED_OUT + r.reason() + " (an infrastructure failure, not a finding)");
        for (RunResult.ThreadReport t : r.threads()) {
            if (!t.host().isEmpty()) {
                lines.add("  " + t);
            }
        }
        lines.add("  replay: " + replay);
        return lines;
    }

    /** @return one line per finding: rule, message, locks, sites, count */
    static String describe(CheckerFinding f) {
        return f.rule() + ": " + f.message().strip().replace('\n', ' ') + " | locks " + f.locks() + " | sites "
                + f.sites() + " | count " + f.count();
    }

    /** @return the {@code rules found} line */
    static String rulesLine(List<CheckerFinding> findings) {
        return RULES_FOUND + rules(findings);
    }

    /**
     * @param line a line of a forked {@code run}'s output
     * @return the rules of a {@code rules found} line, or null for any other line
     */
    static Set<String> parseRulesLine(String line) {
        if (!line.startsWith(RULES_FOUND)) {
            return null;
        }
        String list = line.substring(RULES_FOUND.length()).trim();
        Set<String> rules = new TreeSet<>();
        if (list.length() > 2) {
            for (String r : list.substring(1, list.length() - 1).split(",")) {
                rules.add(r.trim());
            }
        }
        return rules;
    }
}
