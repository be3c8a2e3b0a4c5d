package org.lockwitness.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lockwitness.witness.Rule;

/**
 * What each merged finding means for a CI job: whether the baseline knew its key, whether a
 * {@code suppress:} line covers it (and why), and whether it fails the job: a finding of a {@code --fail} rule
 * that is neither in the baseline nor suppressed, nor qualified by a cycle filter ({@link Model.Finding#qualifier}).
 * Stateless.
 */
final class Triage {
    /**
     * One finding's verdict.
     *
     * @param finding the finding
     * @param failRule whether its rule is one of the {@code --fail} rules and no cycle filter qualifies it
     * @param inBaseline whether the baseline lists its key
     * @param suppression the reason it is suppressed, or null
     */
    record Verdict(Model.Finding finding, boolean failRule, boolean inBaseline, String suppression) {
        /** Whether it fails the job. */
        boolean failing() {
            return failRule && isNew();
        }

        /** Whether it is neither known to the baseline nor suppressed. */
        boolean isNew() {
            return !inBaseline && suppression == null;
        }
    }

    private Triage() {
    }

    /** The verdict of each finding, in order. */
    static List<Verdict> of(List<Model.Finding> findings, Set<String> failRules, Set<String> baseline,
            Map<String, String> suppressions) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Model.Finding f : findings) {
            boolean failRule = failRules.contains(f.rule()) && f.qualifier() == null;
            verdicts.add(new Verdict(f, failRule, baseline.contains(f.key()), suppressions.get(f.key())));
        }
        return verdicts;
    }

    /** The rules with at least one failing finding, sorted. */
    static Set<String> failedRules(List<Verdict> verdicts) {
        Set<String> rules = new TreeSet<>();
        verdicts.stream().filter(Verdict::failing).forEach(v -> rules.add(v.finding().rule()));
        return rules;
    }

    /**
     * Parses {@code --fail}: rule names joined by {@code ,} or {@code +}, {@code all}, or {@code none}.
     *
     * @throws IllegalArgumentException naming an unknown rule
     */
    static Set<String> parseRules(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Set<String> rules = new LinkedHashSet<>();
        if (t.equals("all")) {
            Arrays.stream(Rule.values()).forEach(r -> rules.add(r.name()));
            return rules;
        }
        if (t.equals("none")) {
            return rules;
        }
        for (String part : text.split("[,+]")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                rules.add(Rule.valueOf(name).name());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown rule '" + part.trim() + "' (rules: all, none, or "
                        + String.join(", ", Arrays.stream(Rule.values()).map(Rule::name).toList()) + ")", e);
            }
        }
        return rules;
    }
}
