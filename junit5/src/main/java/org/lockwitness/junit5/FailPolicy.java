package org.lockwitness.junit5;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which new findings fail their test: the JUnit configuration parameter
 * {@value LockwitnessExtension#FAIL_PARAMETER} ({@code all}, {@code none}, or rule names joined by
 * {@code +} or {@code ,}) when set; else, when the agent was given {@code fail=}, the findings of
 * its failing rules (policy {@code FAIL} or {@code PANIC}); else every finding, since the witness
 * reports only violations and a test that asked for the extension asked to fail on them. A
 * reversal that a cycle filter qualifies (its {@code qualifier} is not empty) never fails a test.
 *
 * <p>Thread-safety: immutable.
 */
final class FailPolicy {

    private static final Pattern RULE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern SEPARATOR = Pattern.compile("[+,\\s]+");

    /** The rules named, or null for "by the agent's policy", or empty with {@link #all} false for none. */
    private final Set<String> rules;
    private final boolean all;

    private FailPolicy(Set<String> rules, boolean all) {
        this.rules = rules;
        this.all = all;
    }

    /**
     * The policy of a run.
     *
     * @param parameter the configuration parameter's value, if set
     * @param failRulesGiven whether the agent was given {@code fail=}
     * @throws IllegalArgumentException for a value that is no rule list
     */
    static FailPolicy of(Optional<String> parameter, boolean failRulesGiven) {
        if (parameter.isEmpty() || parameter.get().isBlank()) {
            return failRulesGiven ? new FailPolicy(null, false) : new FailPolicy(Set.of(), true);
        }
        String v = parameter.get().trim();
        if (v.equals("all")) {
            return new FailPolicy(Set.of(), true);
        }
        if (v.equals("none")) {
            return new FailPolicy(Set.of(), false);
        }
        Set<String> named = new TreeSet<>();
        for (String r : SEPARATOR.split(v)) {
            if (!RULE.matcher(r).matches()) {
                throw new IllegalArgumentException(LockwitnessExtension.FAIL_PARAMETER + "=" + v
                        + ": expected all, none or rule names such as LOCK_ORDER_REVERSAL+DEADLOCK, not '" + r + "'");
            }
            named.add(r);
        }
        return new FailPolicy(Set.copyOf(named), false);
    }

    /** Whether this finding (the agent API's map) fails its test. */
    boolean fails(Map<String, String> finding) {
        String qualifier = finding.get("qualifier");
        if (qualifier != null && !qualifier.isEmpty()) {
            return false;
        }
        if (all) {
            return true;
        }
        if (rules == null) {
            return !"WARN".equals(finding.get("policy"));
        }
        return rules.contains(finding.get("rule"));
    }
}
