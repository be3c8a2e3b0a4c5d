package org.lockwitness.witness;

import java.util.List;

/**
 * A snapshot of one finding: a rule, its FreeBSD-worded message, the lock class names involved
 * (the whole cycle for a reversal, in cycle order), the sites ({@code file:line}), the stacks, how
 * often it was seen, by which threads and on which CPUs, the machine run it was first seen in, the
 * kernel panic it explains, if any, the test during which it first appeared, and the cycle filter
 * that qualifies it, if any ({@link #qualifier()}). Immutable and
 * thread-safe; obtained from {@link Witness#findings()} or given to the panic handler.
 */
public final class Finding {
    private final Rule rule;
    private final Policy policy;
    private final String message;
    private final List<String> locks;
    private final List<String> sites;
    private final List<Backtrace> stacks;
    private final long count;
    private final List<String> threads;
    private final List<Integer> cpus;
    private final RunRef firstSeen;
    private final String panic;
    private final String test;
    private final CycleFilter qualifier;

    Finding(Rule rule, Policy policy, String message, List<String> locks, List<String> sites,
            List<Backtrace> stacks, long count, List<String> threads, List<Integer> cpus, RunRef firstSeen,
            String panic, String test, CycleFilter qualifier) {
        this.rule = rule;
        this.policy = policy;
        this.message = message;
        this.locks = List.copyOf(locks);
        this.sites = List.copyOf(sites);
        this.stacks = List.copyOf(stacks);
        this.count = count;
        this.threads = List.copyOf(threads);
        this.cpus = List.copyOf(cpus);
        this.firstSeen = firstSeen;
        this.panic = panic;
        this.test = test;
        this.qualifier = qualifier;
    }

    /** The rule that fired. */
    public Rule rule() {
        return rule;
    }

    /** The policy the rule had when the finding was recorded. */
    public Policy policy() {
        return policy;
    }

    /** The FreeBSD-style message of the first occurrence; may span several lines. */
    public String message() {
        return message;
    }

    /** Lock class names; for a reversal the whole cycle, starting with the held lock. */
    public List<String> locks() {
        return locks;
    }

    /** Sites as {@code file:line}, first seen first. */
    public List<String> sites() {
        return sites;
    }

    /** Stacks of the first occurrence. */
    public List<Backtrace> stacks() {
        return stacks;
    }

    /** How many occurrences were merged into this finding. */
    public long count() {
        return count;
    }

    /** Names of the threads that produced it. */
    public List<String> threads() {
        return threads;
    }

    /** CPUs it was seen on. */
    public List<Integer> cpus() {
        return cpus;
    }

    /**
     * The machine run it was first seen in, with its own replay command when the program gave one;
     * null when it was seen while no machine run was ever announced.
     */
    public RunRef firstSeen() {
        return firstSeen;
    }

    /**
     * The message of the kernel panic this finding explains (the model panicked in the same event,
     * e.g. "mutex m not owned" after {@link Rule#RELEASE_NOT_OWNED}), or null.
     */
    public String panic() {
        return panic;
    }

    /**
     * What was running when it first appeared, as {@link WitnessOptions.Builder#attribution} named it (under the
     * agent: the test, when a test framework told the agent), or null.
     */
    public String test() {
        return test;
    }

    /**
     * The {@link CycleFilter} that explains this {@link Rule#LOCK_ORDER_REVERSAL} (the message says
     * why), for which its policy was demoted to {@link Policy#WARN}; null for an ordinary finding.
     */
    public CycleFilter qualifier() {
        return qualifier;
    }

    @Override
    public String toString() {
        return rule + " " + locks + " @ " + sites + " x" + count + ": " + message;
    }
}
