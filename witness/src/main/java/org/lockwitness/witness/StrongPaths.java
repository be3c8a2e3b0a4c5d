package org.lockwitness.witness;

import java.util.Arrays;

/**
 * The reversal search: FreeBSD's {@code isitmydescendant} under lockdep's strong-path rule
 * ({@code check_noncircular}, {@code __bfs} over {@code locks_after} with the "recursive read then
 * shared hold" exclusion), returning the whole path of any length.
 *
 * <h2>The path reported</h2>
 * The path is the one a breadth-first search finds over the states (class, entered by a recursive
 * read) of {@link TopoOrder}, following each class's outgoing edges in insertion order and, per
 * edge, the non-recursive state before the recursive one, and stopping at the first goal state it
 * dequeues: a shortest path, ties broken by insertion order. That search alone, from the acquired
 * class towards the held one, scans every state nearer than the goal, most of a dense graph.
 *
 * <h2>Design</h2>
 * Three steps, each bounded. First, when the topological order is exact, no state positioned above
 * every goal reaches a goal and no state below the start is reached from it, so the answer is "no
 * path" at once when the start lies above the goals (the new order agrees with the known ones) and
 * the search never leaves the window between them. Second, the length {@code d} of a shortest path,
 * by a level-synchronous bidirectional search (forward from the start, backward from the goals,
 * each time expanding the smaller frontier by a whole level): after a level with no meeting there is
 * no path of length up to the sum of the two depths, and the first meetings give exactly that sum
 * plus one, so {@code d} is the sum when the first meeting appears; an empty frontier means no path.
 * Third, the states on shortest paths: those of the meeting level with both distances right, then
 * level by level towards the start (a predecessor one step nearer by the forward distances) and
 * towards the goals (a successor one step nearer by the backward distances). The breadth-first
 * search restricted to those states finds the same path as the unrestricted one: the parent that
 * first discovers a state on a shortest path is itself on a shortest path, so the restriction keeps
 * every such state's discovery order and parent. Marks are epoch stamps, so a search allocates only
 * its result.
 *
 * <p>Not thread-safe: used only under the checker lock.
 */
final class StrongPaths {
    private static final int INFINITE = Integer.MAX_VALUE;

    private final OrderEdges edges;
    private final TopoOrder order;
    private int[] markF = new int[0];
    private int[] markB = new int[0];
    private int[] markS = new int[0];
    private int[] distF = new int[0];
    private int[] distB = new int[0];
    private int[] forward = new int[0];
    private int[] backward = new int[0];
    private int[] layers = new int[0];
    private int[] prev = new int[0];
    private int epoch;

    /** The window of positions a path can use: all of them unless the order is exact. */
    private int lo;
    private int hi;
    /** The current frontiers: forward[fStart..fEnd), backward[bStart..bEnd). */
    private int fStart;
    private int fEnd;
    private int bStart;
    private int bEnd;

    StrongPaths(OrderEdges edges, TopoOrder order) {
        this.edges = edges;
        this.order = order;
    }

    /**
     * A strong path {@code from ~> to} that, together with a closing edge {@code to -> from} of
     * kind {@code closing}, forms a strong cycle; null if there is none. The closing edge enters
     * {@code from} as a recursive read if {@code closing} is ER or SR, and leaves {@code to} from a
     * shared hold if it is SN or SR.
     *
     * @return the classes along the path, {@code from} first and {@code to} last
     */
    int[] find(int from, int to, int closing) {
        if (from == to || !edges.touched(from) || !edges.touched(to)) {
            return null;
        }
        int start = TopoOrder.node(from, Deps.recursive(closing));
        int goal = TopoOrder.node(to, false);
        int other = Deps.parentShared(closing) ? -1 : TopoOrder.node(to, true);
        lo = Integer.MIN_VALUE;
        hi = Integer.MAX_VALUE;
        if (order.exact()) {
            hi = other < 0 ? order.ord(goal) : Math.max(order.ord(goal), order.ord(other));
            lo = order.ord(start);
            if (lo > hi) {
                return null;
            }
        }
        prepare();
        int d = distance(start, goal, other);
        if (d < 0) {
            return null;
        }
        markShortestPaths(d);
        return search(start, goal, other);
    }

    /** The length of a shortest path from the start to a goal, or -1. */
    private int distance(int start, int goal, int other) {
        fStart = 0;
        fEnd = 0;
        bStart = 0;
        bEnd = 0;
        forward[fEnd++] = start;
        markF[start] = epoch;
        distF[start] = 0;
        backward[bEnd++] = goal;
        markB[goal] = epoch;
        distB[goal] = 0;
        if (other >= 0) {
            backward[bEnd++] = other;
            markB[other] = epoch;
            distB[other] = 0;
        }
        int a = 0;
        int b = 0;
        while (fEnd > fStart && bEnd > bStart) {
            int best;
            if (fEnd - fStart <= bEnd - bStart) {
                best = expandForward(a, b);
                a++;
            } else {
                best = expandBackward(a, b);
                b++;
            }
            if (best != INFINITE) {
                return a + b;
            }
        }
        return -1;
    }

    private int expandForward(int a, int b) {
        int best = INFINITE;
        int end = fEnd;
        for (int i = fStart; i < fEnd; i++) {
            int w = forward[i];
            int allowed = (w & 1) != 0 ? (Deps.EN | Deps.ER) : Deps.MASK;
            int[] list = edges.out(w >>> 1);
            for (int j = 0, n = edges.outDegree(w >>> 1); j < n; j++) {
                int d = OrderEdges.kindsOf(list[j]) & allowed;
                int z = 2 * OrderEdges.neighbor(list[j]);
                for (int r = 0; r < 2; r++, z++) {
                    if ((d & (r == 0 ? Deps.EN | Deps.SN : Deps.ER | Deps.SR)) == 0 || order.ord(z) > hi) {
                        continue;
                    }
                    if (markB[z] == epoch) {
                        best = Math.min(best, a + 1 + distB[z]);
                    }
                    if (markF[z] != epoch) {
                        markF[z] = epoch;
                        distF[z] = a + 1;
                        forward[end++] = z;
                    }
                }
            }
        }
        fStart = fEnd;
        fEnd = end;
        return best;
    }

    private int expandBackward(int a, int b) {
        int best = INFINITE;
        int end = bEnd;
        for (int i = bStart; i < bEnd; i++) {
            int w = backward[i];
            int fromN = (w & 1) != 0 ? Deps.ER | Deps.SR : Deps.EN | Deps.SN;
            int fromR = (w & 1) != 0 ? Deps.ER : Deps.EN;
            int[] list = edges.in(w >>> 1);
            for (int j = 0, n = edges.inDegree(w >>> 1); j < n; j++) {
                int d = OrderEdges.kindsOf(list[j]);
                int z = 2 * OrderEdges.neighbor(list[j]);
                for (int r = 0; r < 2; r++, z++) {
                    if ((d & (r == 0 ? fromN : fromR)) == 0 || order.ord(z) < lo) {
                        continue;
                    }
                    if (markF[z] == epoch) {
                        best = Math.min(best, distF[z] + b + 1);
                    }
                    if (markB[z] != epoch) {
                        markB[z] = epoch;
                        distB[z] = b + 1;
                        backward[end++] = z;
                    }
                }
            }
        }
        bStart = bEnd;
        bEnd = end;
        return best;
    }

    /**
     * Marks the states on shortest paths of length {@code d}: the current forward frontier is the
     * level {@code a} of the meeting, with {@code a + b = d}.
     */
    private void markShortestPaths(int d) {
        int a = distF[forward[fStart]];
        int n = 0;
        for (int i = fStart; i < fEnd; i++) {
            int w = forward[i];
            if (markB[w] == epoch && distB[w] == d - a) {
                markS[w] = epoch;
                layers[n++] = w;
            }
        }
        int meeting = n;
        int levelStart = 0;
        int levelEnd = meeting;
        for (int k = a - 1; k >= 0; k--) {
            for (int i = levelStart; i < levelEnd; i++) {
                n = towardsStart(layers[i], k, n);
            }
            levelStart = levelEnd;
            levelEnd = n;
        }
        levelStart = 0;
        levelEnd = meeting;
        for (int k = a + 1; k <= d; k++) {
            int next = n;
            for (int i = levelStart; i < levelEnd; i++) {
                n = towardsGoal(layers[i], d - k, n);
            }
            levelStart = next;
            levelEnd = n;
        }
    }

    /** Adds the unmarked predecessors of {@code x} at forward distance {@code k} to the layers. */
    private int towardsStart(int x, int k, int n) {
        int fromN = (x & 1) != 0 ? Deps.ER | Deps.SR : Deps.EN | Deps.SN;
        int fromR = (x & 1) != 0 ? Deps.ER : Deps.EN;
        int[] list = edges.in(x >>> 1);
        for (int j = 0, m = edges.inDegree(x >>> 1); j < m; j++) {
            int d = OrderEdges.kindsOf(list[j]);
            int z = 2 * OrderEdges.neighbor(list[j]);
            for (int r = 0; r < 2; r++, z++) {
                if ((d & (r == 0 ? fromN : fromR)) != 0 && markF[z] == epoch && distF[z] == k && markS[z] != epoch) {
                    markS[z] = epoch;
                    layers[n++] = z;
                }
            }
        }
        return n;
    }

    /** Adds the unmarked successors of {@code x} at backward distance {@code k}. */
    private int towardsGoal(int x, int k, int n) {
        int allowed = (x & 1) != 0 ? (Deps.EN | Deps.ER) : Deps.MASK;
        int[] list = edges.out(x >>> 1);
        for (int j = 0, m = edges.outDegree(x >>> 1); j < m; j++) {
            int d = OrderEdges.kindsOf(list[j]) & allowed;
            int z = 2 * OrderEdges.neighbor(list[j]);
            for (int r = 0; r < 2; r++, z++) {
                if ((d & (r == 0 ? Deps.EN | Deps.SN : Deps.ER | Deps.SR)) != 0 && markB[z] == epoch
                        && distB[z] == k && markS[z] != epoch) {
                    markS[z] = epoch;
                    layers[n++] = z;
                }
            }
        }
        return n;
    }

    /** The breadth-first search over the marked states, which contain a goal. */
    private int[] search(int start, int goal, int other) {
        int[] queue = forward;
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        markS[start] = epoch + 1;
        while (true) {
            int s = queue[head++];
            if (s == goal || s == other) {
                return path(start, s);
            }
            int allowed = (s & 1) != 0 ? (Deps.EN | Deps.ER) : Deps.MASK;
            int[] list = edges.out(s >>> 1);
            for (int j = 0, n = edges.outDegree(s >>> 1); j < n; j++) {
                int d = OrderEdges.kindsOf(list[j]) & allowed;
                int z = 2 * OrderEdges.neighbor(list[j]);
                for (int r = 0; r < 2; r++, z++) {
                    if ((d & (r == 0 ? Deps.EN | Deps.SN : Deps.ER | Deps.SR)) != 0 && markS[z] == epoch) {
                        markS[z] = epoch + 1;
                        prev[z] = s;
                        queue[tail++] = z;
                    }
                }
            }
        }
    }

    /** The classes from the start's to the goal's, following the parents. */
    private int[] path(int start, int goal) {
        int n = 1;
        for (int z = goal; z != start; z = prev[z]) {
            n++;
        }
        int[] classes = new int[n];
        for (int z = goal; ; z = prev[z]) {
            classes[--n] = z >>> 1;
            if (z == start) {
                return classes;
            }
        }
    }

    /** Sizes the arrays for every state of the graph and starts a new epoch of marks (two stamps). */
    private void prepare() {
        int states = 2 * edges.classCapacity();
        if (markF.length < states) {
            markF = Arrays.copyOf(markF, states);
            markB = Arrays.copyOf(markB, states);
            markS = Arrays.copyOf(markS, states);
            distF = new int[states];
            distB = new int[states];
            forward = new int[states];
            backward = new int[states];
            layers = new int[states];
            prev = new int[states];
        }
        if (epoch >= Integer.MAX_VALUE - 2) {
            Arrays.fill(markF, 0);
            Arrays.fill(markB, 0);
            Arrays.fill(markS, 0);
            epoch = 0;
        }
        epoch += 2;
    }
}
