package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The findings, merged by (rule, key) as DESIGN.md's table says, with the policy of each rule: what FreeBSD prints
 * through {@code witness_output} and remembers only as the reversal bits of {@code w_rmatrix}.
 * Not thread-safe: used under the checker lock.
 */
final class Findings {
    private final WitnessOptions options;
    private final Map<String, Record> byKey = new LinkedHashMap<>();
    /** Findings first seen between machine runs, attributed to the next run when it starts. */
    private final List<Record> awaitingRun = new ArrayList<>();
    private boolean failed;

    Findings(WitnessOptions options) {
        this.options = options;
    }

    /** The key a finding of {@code rule} with the rule's own {@code key} is merged under. */
    static String key(Rule rule, String key) {
        return rule.name() + '|' + key;
    }

    /**
     * Records one occurrence; {@code message}, {@code locks}, {@code stacks} and the run it was first
     * seen in ({@code run}, null between runs) are kept from the first occurrence of the key, sites,
     * threads and CPUs accumulate.
     *
     * @return the finding if its rule's policy is PANIC, else null
     */
    Finding record(Rule rule, String key, String message, List<String> locks, List<String> sites,
            List<Backtrace> stacks, List<String> threadNames, int cpu, RunRef run) {
        return record(rule, key, message, locks, sites, stacks, threadNames, cpu, run, null);
    }

    /**
     * {@link #record} of an occurrence that a cycle filter explains ({@code qualified}, null for
     * none): a finding whose occurrences were all qualified keeps the first one's qualifier and the
     * policy {@link Policy#WARN}; the first unqualified occurrence drops the qualifier and gives the
     * finding its rule's policy.
     */
    Finding record(Rule rule, String key, String message, List<String> locks, List<String> sites,
            List<Backtrace> stacks, List<String> threadNames, int cpu, RunRef run, Qualified qualified) {
        Record r = occurrence(rule, key, message, locks, sites, stacks, threadNames, run, qualified);
        if (cpu >= 0) {
            r.cpus.add(cpu);
        }
        return r.policy == Policy.PANIC ? r.snapshot() : null;
    }

    /** {@link #record} of an occurrence seen on several CPUs (a deadlock's waiters). */
    Finding record(Rule rule, String key, String message, List<String> locks, List<String> sites,
            List<Backtrace> stacks, List<String> threadNames, List<Integer> cpus, RunRef run) {
        Record r = occurrence(rule, key, message, locks, sites, stacks, threadNames, run, null);
        r.cpus.addAll(cpus);
        return r.policy == Policy.PANIC ? r.snapshot() : null;
    }

    private Record occurrence(Rule rule, String key, String message, List<String> locks, List<String> sites,
            List<Backtrace> stacks, List<String> threadNames, RunRef run, Qualified qualified) {
        Record r = byKey.get(key(rule, key));
        if (r == null) {
            r = new Record(rule, qualified == null ? options.policy(rule) : Policy.WARN, message, locks, stacks, run,
                    attribution());
            r.qualified = qualified;
            byKey.put(key(rule, key), r);
            if (run == null) {
                awaitingRun.add(r);
            }
        }
        if (qualified == null && r.qualified != null) {
            r.qualified = null;
            r.policy = options.policy(rule);
        }
        r.count++;
        r.sites.addAll(sites);
        r.threads.addAll(threadNames);
        if (r.policy != Policy.WARN) {
            failed = true;
        }
        return r;
    }

    /** What {@link WitnessOptions.Builder#attribution} names now; null when it throws, which must not fault here. */
    private String attribution() {
        try {
            return options.attribution.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A machine run starts: the findings first seen since the last one are its. */
    void attribute(RunRef run) {
        for (Record r : awaitingRun) {
            r.firstSeen = run;
        }
        awaitingRun.clear();
    }

    /**
     * Notes the kernel panic that the finding under {@code fullKey} ({@link #key}) explains.
     *
     * @return false when there is no such finding
     */
    boolean explain(String fullKey, String panic) {
        Record r = byKey.get(fullKey);
        if (r == null) {
            return false;
        }
        if (r.panic == null) {
            r.panic = panic;
        }
        return true;
    }

    /**
     * Whether the finding under {@code fullKey} ({@link #key}) is recorded and qualified by a cycle
     * filter; false for none or an unqualified one.
     */
    boolean qualified(String fullKey) {
        Record r = byKey.get(fullKey);
        return r != null && r.qualified != null;
    }

    /**
     * Drops the qualifier of the finding under {@code fullKey}, whose reason no longer holds (a
     * write acquire of a lock of a read/read cycle): it gets its rule's policy.
     */
    void unqualify(String fullKey) {
        Record r = byKey.get(fullKey);
        if (r != null && r.qualified != null) {
            r.qualified = null;
            r.policy = options.policy(r.rule);
            if (r.policy != Policy.WARN) {
                failed = true;
            }
        }
    }

    List<Finding> snapshot() {
        List<Finding> all = new ArrayList<>(byKey.size());
        for (Record r : byKey.values()) {
            all.add(r.snapshot());
        }
        return all;
    }

    int size() {
        return byKey.size();
    }

    boolean failed() {
        return failed;
    }

    void clear() {
        byKey.clear();
        awaitingRun.clear();
        failed = false;
    }

    /** Why a cycle filter lets a finding pass: the filter and the sentence the message ends with. */
    record Qualified(CycleFilter filter, String reason) {
    }

    private static final class Record {
        final Rule rule;
        Policy policy;
        Qualified qualified;
        final String message;
        final List<String> locks;
        final List<Backtrace> stacks;
        final Set<String> sites = new LinkedHashSet<>();
        final Set<String> threads = new LinkedHashSet<>();
        final Set<Integer> cpus = new TreeSet<>();
        long count;
        RunRef firstSeen;
        String panic;
        final String test;

        Record(Rule rule, Policy policy, String message, List<String> locks, List<Backtrace> stacks, RunRef run,
                String test) {
            this.rule = rule;
            this.policy = policy;
            this.message = message;
            this.locks = List.copyOf(locks);
            this.stacks = List.copyOf(stacks);
            this.firstSeen = run;
            this.test = test;
        }

        Finding snapshot() {
            return new Finding(rule, policy, qualified == null ? message : message + '\n' + qualified.reason(), locks,
                    new ArrayList<>(sites), stacks, count, new ArrayList<>(threads), new ArrayList<>(cpus), firstSeen,
                    panic, test, qualified == null ? null : qualified.filter());
        }
    }
}
