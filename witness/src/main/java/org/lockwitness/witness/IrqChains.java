package org.lockwitness.witness;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Interrupt safety along a path, lockdep's {@code check_irq_usage}: {@link Rule#IRQ_INVERSION}
 * when an irq-safe spin class (used in primary interrupt context) is ordered, directly or through a
 * chain of spin classes, before an irq-unsafe spin class (held with interrupts enabled). CPU 1
 * holds the irq-safe lock with interrupts off and waits for the irq-unsafe one; CPU 0 holds the
 * irq-unsafe one with interrupts on, takes the interrupt, and its filter spins on the irq-safe one.
 * The per-class case (one class both) is {@link ContextRules}'.
 *
 * <p>Only spin classes and the orders between them count: sleep locks are forbidden in primary
 * interrupt context anyway. Interrupt context is what the caller says it is (the thread's interrupt
 * nesting); the model does not raise it for IPI rendezvous actions, so they are not irq-safe uses.
 *
 * <h2>Design</h2>
 * As lockdep, cheap by cached marks: {@link #safeReach} says an irq-safe class reaches the class
 * (itself included), {@link #unsafeReach} that the class reaches an irq-unsafe one. The marks only
 * grow, each class is marked once per kind, so keeping them costs O(classes + edges) in all. A
 * search runs only when one of the three events can close a chain: a class becomes irq-safe and
 * reaches an irq-unsafe one, becomes irq-unsafe and is reached by an irq-safe one, or a new edge
 * joins a class an irq-safe one reaches to one that reaches an irq-unsafe one. The search is a
 * breadth-first one over the graph's spin edges and finds a shortest chain; the finding is keyed by
 * the chain's classes, sorted, so the same inversion found from another event is one finding.
 *
 * <p>Not thread-safe: used only under the checker lock.
 */
final class IrqChains {
    private final WitnessState state;
    private boolean[] safeReach = new boolean[64];
    private boolean[] unsafeReach = new boolean[64];

    IrqChains(WitnessState state) {
        this.state = state;
    }

    /** Class {@code c} was just marked used in interrupt context ({@code safe}) or held with interrupts on. */
    Finding marked(WitnessThread t, WitnessType c, boolean safe) {
        if (!spin(c.id)) {
            return null;
        }
        grow(c.id);
        if (safe) {
            spread(c.id, true);
            return unsafeReach[c.id] ? search(t, c.id, c.id) : null;
        }
        spread(c.id, false);
        return safeReach[c.id] ? search(t, c.id, c.id) : null;
    }

    /** The graph got the new edge {@code from -> to}. */
    Finding edgeAdded(WitnessThread t, int from, int to) {
        if (!spin(from) || !spin(to)) {
            return null;
        }
        grow(Math.max(from, to));
        if (safeReach[from]) {
            spread(to, true);
        }
        if (unsafeReach[to]) {
            spread(from, false);
        }
        return safeReach[from] && unsafeReach[to] ? search(t, from, to) : null;
    }

    /** Forgets the marks, with the graph. */
    void clear() {
        Arrays.fill(safeReach, false);
        Arrays.fill(unsafeReach, false);
    }

    /** Marks {@code c} and what it reaches (forward, {@code safe}) or what reaches it (backward). */
    private void spread(int c, boolean safe) {
        boolean[] mark = safe ? safeReach : unsafeReach;
        OrderEdges edges = state.graph.adjacency();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.add(c);
        while (!todo.isEmpty()) {
            int u = todo.poll();
            if (mark[u]) {
                continue;
            }
            mark[u] = true;
            if (!edges.touched(u)) {
                continue;
            }
            int[] list = safe ? edges.out(u) : edges.in(u);
            int n = safe ? edges.outDegree(u) : edges.inDegree(u);
            for (int i = 0; i < n; i++) {
                int v = OrderEdges.neighbor(list[i]);
                if (spin(v)) {
                    grow(v);
                    mark = safe ? safeReach : unsafeReach;
                    if (!mark[v]) {
                        todo.add(v);
                    }
                }
            }
        }
    }

    /**
     * A shortest chain from an irq-safe class through {@code from} (backward) and {@code to}
     * (forward) to an irq-unsafe one, two classes at least; reported, or null if there is none.
     */
    private Finding search(WitnessThread t, int from, int to) {
        int[] back = nearest(from, true);
        int[] ahead = nearest(to, false);
        if (back == null || ahead == null) {
            return null;
        }
        List<Integer> chain = new ArrayList<>();
        for (int i = back.length - 1; i >= 0; i--) {
            chain.add(back[i]);
        }
        for (int i = from == to ? 1 : 0; i < ahead.length; i++) {
            chain.add(ahead[i]);
        }
        if (chain.size() < 2 || chain.get(0).equals(chain.get(chain.size() - 1))) {
            return null;
        }
        return report(t, chain);
    }

    /**
     * Breadth-first from {@code start}, backward to the nearest irq-safe class ({@code safe}) or
     * forward to the nearest irq-unsafe one, preferring another class than {@code start}.
     *
     * @return the path from {@code start} to it, or null
     */
    private int[] nearest(int start, boolean safe) {
        OrderEdges edges = state.graph.adjacency();
        int cap = Math.max(edges.classCapacity(), start + 1);
        int[] parent = new int[cap];
        Arrays.fill(parent, -2);
        parent[start] = -1;
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.add(start);
        int found = -1;
        while (!todo.isEmpty() && found < 0) {
            int u = todo.poll();
            if (u != start && usage(u, safe)) {
                found = u;
                break;
            }
            if (!edges.touched(u)) {
                continue;
            }
            int[] list = safe ? edges.in(u) : edges.out(u);
            int n = safe ? edges.inDegree(u) : edges.outDegree(u);
            for (int i = 0; i < n; i++) {
                int v = OrderEdges.neighbor(list[i]);
                if (v < cap && parent[v] == -2 && spin(v)) {
                    parent[v] = u;
                    todo.add(v);
                }
            }
        }
        if (found < 0) {
            return usage(start, safe) ? new int[] {start} : null;
        }
        List<Integer> path = new ArrayList<>();
        for (int v = found; v != -1; v = parent[v]) {
            path.add(v);
        }
        int[] out = new int[path.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = path.get(out.length - 1 - i);
        }
        return out;
    }

    private Finding report(WitnessThread t, List<Integer> chain) {
        WitnessType safe = state.classes.byId(chain.get(0));
        WitnessType unsafe = state.classes.byId(chain.get(chain.size() - 1));
        List<String> names = new ArrayList<>();
        List<String> links = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        sites.add(safe.firstInterruptSite);
        for (int i = 0; i < chain.size(); i++) {
            names.add(state.classes.byId(chain.get(i)).name);
            if (i > 0) {
                OrderEdge e = state.graph.edge(chain.get(i - 1), chain.get(i));
                String site = e == null || e.siteText == null ? SiteTable.UNKNOWN : e.siteText;
                links.add(ContextMessages.irqChainLink(names.get(i - 1), names.get(i), site));
                sites.add(site);
            }
        }
        sites.add(unsafe.firstEnabledSite);
        String key = "chain\u0000" + String.join("\u0000", new TreeSet<>(names));
        return state.report(Rule.IRQ_INVERSION, key, ContextMessages.irqChainInversion(safe.className(), safe.name,
                safe.firstInterruptSite, unsafe.className(), unsafe.name, unsafe.firstEnabledSite, links), names,
                sites, List.of(state.backtrace()), t);
    }

    private boolean usage(int c, boolean safe) {
        WitnessType w = state.classes.byId(c);
        return w != null && (safe ? w.usedInInterrupt : w.heldWithInterrupts);
    }

    private boolean spin(int c) {
        WitnessType w = state.classes.byId(c);
        return w != null && w.kind == LockKind.SPIN_MUTEX;
    }

    private void grow(int c) {
        if (c >= safeReach.length) {
            int n = Math.max(c + 1, safeReach.length * 2);
            safeReach = Arrays.copyOf(safeReach, n);
            unsafeReach = Arrays.copyOf(unsafeReach, n);
        }
    }
}
