package org.lockwitness.samples;

import java.util.Set;
import java.util.TreeSet;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * Whether a variant's findings are right: the buggy variant reports every required rule and
 * nothing beyond the required and tolerated ones; the fixed variant reports nothing.
 *
 * <p>Thread-safety: immutable.
 *
 * @param expected the rules expected
 * @param found    the rules found, or null when the run gave no result
 * @param ok       whether that is right
 * @param note     why not, or empty
 */
record Verdict(Set<String> expected, Set<String> found, boolean ok, String note) {

    static Verdict of(Workload w, Variant v, Set<String> found) {
        Set<String> expected = v == Variant.BUGGY ? new TreeSet<>(w.profile().requiredRules()) : Set.of();
        if (v == Variant.FIXED) {
            return new Verdict(expected, found, found.isEmpty(),
                    found.isEmpty() ? "" : "a fixed variant must report nothing");
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(found);
        Set<String> extra = new TreeSet<>(found);
        extra.removeAll(w.profile().requiredRules());
        extra.removeAll(w.profile().toleratedRules());
        String note = (missing.isEmpty() ? "" : "missing " + missing)
                + (extra.isEmpty() ? "" : " unexpected " + extra);
        return new Verdict(expected, found, missing.isEmpty() && extra.isEmpty(), note.trim());
    }

    static Verdict failed(Workload w, Variant v, String why) {
        Set<String> expected = v == Variant.BUGGY ? new TreeSet<>(w.profile().requiredRules()) : Set.of();
        return new Verdict(expected, null, false, why);
    }
}
