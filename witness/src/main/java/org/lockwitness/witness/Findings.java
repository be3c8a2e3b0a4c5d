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
    private boolean failed;

    Findings(WitnessOptions options) {
        this.options = options;
    }

    /**
     * Records one occurrence; {@code message}, {@code locks} and {@code stacks} are kept from the
     * first occurrence of the key, sites, threads and CPUs accumulate.
     *
     * @return the finding if its rule's policy is PANIC, else null
     */
    Finding record(Rule rule, String key, String message, List<String> locks, List<String> sites,
            List<Backtrace> stacks, List<String> threadNames, int cpu) {
        Record r = byKey.get(rule.name() + '|' + key);
        if (r == null) {
            r = new Record(rule, options.policy(rule), message, locks, stacks);
            byKey.put(rule.name() + '|' + key, r);
        }
        r.count++;
        r.sites.addAll(sites);
        r.threads.addAll(threadNames);
        if (cpu >= 0) {
            r.cpus.add(cpu);
        }
        if (r.policy != Policy.WARN) {
            failed = true;
        }
        return r.policy == Policy.PANIC ? r.snapshot() : null;
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
        failed = false;
    }

    private static final class Record {
        final Rule rule;
        final Policy policy;
        final String message;
        final List<String> locks;
        final List<Backtrace> stacks;
        final Set<String> sites = new LinkedHashSet<>();
        final Set<String> threads = new LinkedHashSet<>();
        final Set<Integer> cpus = new TreeSet<>();
        long count;

        Record(Rule rule, Policy policy, String message, List<String> locks, List<Backtrace> stacks) {
            this.rule = rule;
            this.policy = policy;
            this.message = message;
            this.locks = List.copyOf(locks);
            this.stacks = List.copyOf(stacks);
        }

        Finding snapshot() {
            return new Finding(rule, policy, message, locks, new ArrayList<>(sites), stacks, count,
                    new ArrayList<>(threads), new ArrayList<>(cpus));
        }
    }
}
