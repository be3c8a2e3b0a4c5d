package org.lockwitness.agent.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lockwitness.witness.Finding;
import org.lockwitness.witness.Policy;
import org.lockwitness.witness.Witness;

/**
 * The exit status of {@code fail=}: when the launched {@code main} returns normally and a finding
 * of a failing rule was recorded, the JVM prints one line per failing finding (its rule and its
 * finding key) and one naming the failed rules, and exits with {@link #FINDINGS}. An explicit
 * {@code System.exit(n)} never reaches here and keeps {@code n} (the exit summary says that the
 * failing findings did not change it); the agent never halts the JVM. Public because the exit
 * call woven into the launched main class reaches it through the entry package
 * ({@code MainReturn.mainExit}), and the exit summary reads {@link #changedStatus()}; not an API
 * for anyone else.
 *
 * <p>Thread-safety: {@link #mainReturned()} is called on the main thread; it reads the witness
 * that {@link ProbeRuntime#start} published; {@link #changedStatus()} may be read on any thread.
 */
public final class ExitStatus {

    /** The status of a run with findings of failing rules. */
    public static final int FINDINGS = 1;

    private static volatile boolean changed;

    private ExitStatus() {
    }

    /** The launched {@code main} returned: exit with {@link #FINDINGS} when a failing rule fired. */
    public static void mainReturned() {
        Witness w = ProbeRuntime.witness();
        if (w != null && w.hasFailures()) {
            changed = true;
            for (String line : failures(w)) {
                System.err.println(line);
            }
            System.err.println("lockwitness: exit status " + FINDINGS + ": findings of the failing rules "
                    + failedRules(w));
            System.exit(FINDINGS);
        }
    }

    /** Whether {@link #mainReturned()} made the exit status {@link #FINDINGS}. */
    public static boolean changedStatus() {
        return changed;
    }

    /** One line per finding of a {@code fail=} (or {@code panic=}) rule: {@code lockwitness: fail: RULE KEY}. */
    public static List<String> failures(Witness w) {
        List<String> lines = new ArrayList<>();
        for (Finding f : w.findings()) {
            if (f.policy() != Policy.WARN) {
                lines.add("lockwitness: fail: " + f.rule() + " " + w.key(f).text());
            }
        }
        return lines;
    }

    /** The rules of the failing findings, sorted. */
    public static Set<String> failedRules(Witness w) {
        Set<String> rules = new TreeSet<>();
        for (Finding f : w.findings()) {
            if (f.policy() != Policy.WARN) {
                rules.add(f.rule().name());
            }
        }
        return rules;
    }
}
