package org.lockwitness.witness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lockwitness.witness.LockKind;

/**
 * The end of {@code witness.txt}: the lock-order graph as FreeBSD's debugger and sysctl show it
 * (sys/kern/subr_witness.c). First DDB's {@code show witness} ({@code witness_ddb_display}): the
 * sleep tree, then the spin tree; each root (a lock with no parent) with its descendants below it,
 * one more space of indent per level ({@code witness_ddb_display_descendants}), each line the
 * lock's name, kind, depth (its longest path from a root, {@code witness_ddb_compute_levels}) and
 * active references; a lock already shown once says so instead of showing its children again.
 * Then DDB's {@code show badstacks} ({@code sysctl debug.witness.badstacks},
 * {@code sbuf_print_witness_badstacks}): how many direct orders are known, and for each reversal
 * the two locks and the stack where each order was first seen.
 *
 * <p>Departures from FreeBSD: the tree's edges are the orders learned and declared, reversals
 * left out (FreeBSD never adds a reversing order to its tree either); where FreeBSD names the
 * site a lock was last acquired, a child names the site where its order under its parent was
 * first seen, and a root names none (the witness keeps no per-lock site); the "never acquired"
 * list is left out, because the witness enrolls a lock class only when it is used. A reversal
 * through a longer cycle has no direct opposite order, so, as in FreeBSD, only the one order's stack
 * is shown. Each tree shows at most {@link #TREE_LINES} lines and then says it was cut off. Names are escaped with {@link TextEscape}, and a line that would start with {@code #}
 * starts with its escape, so no name forges a finding's header line.
 *
 * <p>Stateless; called by {@link TextReport} only.
 */
final class TreeSection {
    /** The most lines one tree shows: a report for people, not a dump of a million orders. */
    static final int TREE_LINES = 5_000;

    private TreeSection() {
    }

    static void write(List<ReportSnapshot.TypeInfo> classes, List<ReportSnapshot.EdgeInfo> edges, Writer w)
            throws IOException {
        Map<String, ReportSnapshot.TypeInfo> byName = new LinkedHashMap<>();
        for (ReportSnapshot.TypeInfo c : classes) {
            byName.putIfAbsent(c.name(), c);
        }
        Map<String, List<ReportSnapshot.EdgeInfo>> children = new HashMap<>();
        Set<String> hasParent = new HashSet<>();
        for (ReportSnapshot.EdgeInfo e : edges) {
            if (!e.reversal() && !e.from().equals(e.to()) && byName.containsKey(e.from()) && byName.containsKey(e.to())) {
                children.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
                hasParent.add(e.to());
            }
        }
        Map<String, Integer> depth = depths(byName.keySet(), children);
        w.write("\ndb> show witness\nSleep locks:\n");
        tree(false, byName, hasParent, children, depth, w);
        w.write("\nSpin locks:\n");
        tree(true, byName, hasParent, children, depth, w);
        badstacks(byName, edges, w);
    }

    /**
     * {@code witness_ddb_compute_levels}: each lock's longest path from a root, in topological order
     * (Kahn's), without recursion, so a long chain cannot overflow the writer's stack. A lock on a
     * cycle (none should be: reversals are left out) keeps depth 0.
     */
    private static Map<String, Integer> depths(Set<String> names, Map<String, List<ReportSnapshot.EdgeInfo>> children) {
        Map<String, Integer> incoming = new HashMap<>();
        for (List<ReportSnapshot.EdgeInfo> out : children.values()) {
            for (ReportSnapshot.EdgeInfo e : out) {
                incoming.merge(e.to(), 1, Integer::sum);
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        ArrayDeque<String> ready = new ArrayDeque<>();
        for (String n : names) {
            depth.put(n, 0);
            if (!incoming.containsKey(n)) {
                ready.add(n);
            }
        }
        while (!ready.isEmpty()) {
            String n = ready.poll();
            for (ReportSnapshot.EdgeInfo e : children.getOrDefault(n, List.of())) {
                depth.merge(e.to(), depth.get(n) + 1, Math::max);
                if (incoming.merge(e.to(), -1, Integer::sum) == 0) {
                    ready.add(e.to());
                }
            }
        }
        return depth;
    }

    /** One tree: each root of the kind with its descendants, depth first, at most {@link #TREE_LINES} lines. */
    private static void tree(boolean spin, Map<String, ReportSnapshot.TypeInfo> byName, Set<String> hasParent,
            Map<String, List<ReportSnapshot.EdgeInfo>> children, Map<String, Integer> depth, Writer w)
            throws IOException {
        Set<String> displayed = new HashSet<>();
        int lines = 0;
        for (ReportSnapshot.TypeInfo c : byName.values()) {
            if (isSpin(c) != spin || hasParent.contains(c.name())) {
                continue;
            }
            ArrayDeque<Line> todo = new ArrayDeque<>();
            todo.push(new Line(c.name(), null, 0));
            while (!todo.isEmpty()) {
                Line l = todo.pop();
                if (lines++ == TREE_LINES) {
                    w.write("... cut off after " + TREE_LINES + " lines\n");
                    return;
                }
                boolean first = displayed.add(l.name());
                descendant(l, byName.get(l.name()), depth, first, w);
                List<ReportSnapshot.EdgeInfo> out = first ? children.getOrDefault(l.name(), List.of()) : List.of();
                for (int i = out.size() - 1; i >= 0; i--) {
                    ReportSnapshot.EdgeInfo e = out.get(i);
                    todo.push(new Line(e.to(), e.declared() ? "(declared)" : e.site(), l.indent() + 1));
                }
            }
        }
    }

    /** A line of a tree to write: a lock, the site of its order under its parent, its indent. */
    private record Line(String name, String site, int indent) {
    }

    /** One line of {@code witness_ddb_display_descendants}. */
    private static void descendant(Line l, ReportSnapshot.TypeInfo c, Map<String, Integer> depth, boolean first,
            Writer w) throws IOException {
        w.write(" ".repeat(l.indent()) + lead(TextEscape.line(l.name())) + " (type: " + TextEscape.line(c.kind())
                + ", depth: " + depth.get(l.name()) + ", active refs: " + c.refs() + ")");
        if (!first) {
            w.write(" -- (already displayed)\n");
        } else {
            w.write(l.site() == null ? "\n" : " -- order first seen @ " + TextEscape.line(l.site()) + "\n");
        }
    }

    /** {@code sbuf_print_witness_badstacks}. */
    private static void badstacks(Map<String, ReportSnapshot.TypeInfo> byName, List<ReportSnapshot.EdgeInfo> edges,
            Writer w) throws IOException {
        Map<List<String>, ReportSnapshot.EdgeInfo> direct = new HashMap<>();
        for (ReportSnapshot.EdgeInfo e : edges) {
            if (!e.declared()) {
                direct.putIfAbsent(List.of(e.from(), e.to()), e);
            }
        }
        w.write("\ndb> show badstacks\nNumber of known direct relationships is " + direct.size() + "\n");
        for (ReportSnapshot.EdgeInfo r : edges) {
            if (!r.reversal()) {
                continue;
            }
            w.write("\nLock order reversal between " + named(r.to(), byName) + " and " + named(r.from(), byName)
                    + "!\n");
            ReportSnapshot.EdgeInfo established = direct.get(List.of(r.to(), r.from()));
            if (established != null && !established.reversal()) {
                firstSeen(established, byName, w);
            }
            firstSeen(r, byName, w);
        }
    }

    private static void firstSeen(ReportSnapshot.EdgeInfo e, Map<String, ReportSnapshot.TypeInfo> byName, Writer w)
            throws IOException {
        w.write("Lock order " + named(e.from(), byName) + " -> " + named(e.to(), byName) + " first seen at:\n");
        List<String> stack = e.stack();
        if (stack == null || stack.isEmpty()) {
            w.write("@ " + TextEscape.line(e.site()) + "\n");
        } else {
            for (int i = 0; i < stack.size(); i++) {
                w.write("#" + i + " " + TextEscape.line(stack.get(i)) + "\n");
            }
        }
        w.write("\n");
    }

    /** {@code "name"(kind)}, as FreeBSD names a witness in these lines. */
    private static String named(String name, Map<String, ReportSnapshot.TypeInfo> byName) {
        ReportSnapshot.TypeInfo c = byName.get(name);
        return "\"" + TextEscape.line(name) + "\"(" + (c == null ? "?" : TextEscape.line(c.kind())) + ")";
    }

    private static boolean isSpin(ReportSnapshot.TypeInfo c) {
        return LockKind.SPIN_MUTEX.className().equals(c.kind());
    }

    /** A line never starts with {@code #}, which begins a finding's header. */
    private static String lead(String escaped) {
        return escaped.startsWith("#") ? "\\u0023" + escaped.substring(1) : escaped;
    }
}
