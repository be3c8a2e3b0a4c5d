package org.lockwitness.cli;

import java.util.List;

/**
 * The parts of {@code witness.json} the command line reads and writes (docs/witness.schema.json), as
 * immutable records. Unknown fields of an input are not kept. Immutable and thread-safe.
 */
final class Model {
    private Model() {
    }

    /**
     * One report: a run's {@code witness.json}, or the union of several.
     *
     * @param run the run's label: its directory name (with its namespace), or {@code merged}
     * @param classes the lock classes
     * @param edges the order edges
     * @param findings the findings
     */
    record Report(String run, List<LockClass> classes, List<Edge> edges, List<Finding> findings) {
        Report {
            classes = List.copyOf(classes);
            edges = List.copyOf(edges);
            findings = List.copyOf(findings);
        }
    }

    /**
     * A lock class: its name and kind identify it.
     *
     * @param name the lock name, with its namespace prefix when the input had one
     * @param kind the FreeBSD class name of its kind, e.g. {@code sleep mutex}
     * @param flags the flag names
     * @param refs the locks of the class not destroyed
     */
    record LockClass(String name, String kind, List<String> flags, long refs) {
        LockClass {
            flags = List.copyOf(flags);
        }

        /** What identifies the class across runs. */
        ClassId id() {
            return new ClassId(name, kind);
        }
    }

    /**
     * The identity of a lock class.
     *
     * @param name the lock name
     * @param kind the kind
     */
    record ClassId(String name, String kind) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An order edge {@code from -> to}.
     *
     * @param from the held lock class
     * @param to the acquired lock class
     * @param count how often the order was seen
     * @param site where it was first seen
     * @param stack the first stack, innermost first
     * @param reversal whether some run saw it as the reverse of an order it already knew
     * @param declared whether a configuration declared it
     * @param runs the runs that saw it (a declared order never seen names none)
     */
    record Edge(LockClass from, LockClass to, long count, String site, List<String> stack, boolean reversal,
            boolean declared, List<String> runs) {
        Edge {
            stack = List.copyOf(stack);
            runs = List.copyOf(runs);
        }

        /** Whether a run saw the order, rather than only declaring it. */
        boolean seen() {
            return !declared || count > 0;
        }
    }

    /**
     * A stack with the line that introduces it.
     *
     * @param title the introducing line
     * @param frames the frames, innermost first
     */
    record Trace(String title, List<String> frames) {
        Trace {
            frames = List.copyOf(frames);
        }
    }

    /**
     * A finding, with its {@link org.lockwitness.witness.FindingKey}.
     *
     * @param rule the rule's name
     * @param key the finding key's text
     * @param policy the policy it had when recorded
     * @param message the message; may span lines
     * @param locks the lock class names
     * @param sites the sites, {@code File.java:line}
     * @param stacks the stacks
     * @param count how many occurrences
     * @param threads the threads that saw it
     * @param cpus the CPUs it was seen on
     * @param runs the runs that saw it
     * @param crossRun whether the merge found it: a reversal whose orders no single run saw together
     * @param qualifier the cycle filter that lets a reversal pass ({@code witness.json}'s {@code qualifier},
     *     e.g. {@code single-thread}); null for an ordinary finding. A qualified finding never fails a check
     * @param test the test during which it was first seen ({@code findings[].test}), or null
     */
    record Finding(String rule, String key, String policy, String message, List<String> locks, List<String> sites,
            List<Trace> stacks, long count, List<String> threads, List<Integer> cpus, List<String> runs,
            boolean crossRun, String qualifier, String test) {
        /** A finding no cycle filter qualifies, first seen outside any test. */
        Finding(String rule, String key, String policy, String message, List<String> locks, List<String> sites,
                List<Trace> stacks, long count, List<String> threads, List<Integer> cpus, List<String> runs,
                boolean crossRun) {
            this(rule, key, policy, message, locks, sites, stacks, count, threads, cpus, runs, crossRun, null, null);
        }

        /** A finding first seen outside any test. */
        Finding(String rule, String key, String policy, String message, List<String> locks, List<String> sites,
                List<Trace> stacks, long count, List<String> threads, List<Integer> cpus, List<String> runs,
                boolean crossRun, String qualifier) {
            this(rule, key, policy, message, locks, sites, stacks, count, threads, cpus, runs, crossRun, qualifier,
                    null);
        }

        Finding {
            locks = List.copyOf(locks);
            sites = List.copyOf(sites);
            stacks = List.copyOf(stacks);
            threads = List.copyOf(threads);
            cpus = List.copyOf(cpus);
            runs = List.copyOf(runs);
        }

        /** The first line of the message. */
        String headline() {
            int nl = message.indexOf('\n');
            return nl < 0 ? message : message.substring(0, nl);
        }

        /** The first site, or null. */
        String site() {
            return sites.isEmpty() ? null : sites.get(0);
        }

        /** The first line of the message, then {@code @ site} unless it already names the site so. */
        String summary() {
            String line = headline();
            String site = site();
            return site == null || line.contains("@ " + site) ? line : line + " @ " + site;
        }
    }
}
