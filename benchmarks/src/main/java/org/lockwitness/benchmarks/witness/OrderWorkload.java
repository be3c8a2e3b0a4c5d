package org.lockwitness.benchmarks.witness;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A set of new lock orders for {@link WitnessNewOrderBenchmark}: {@code classes} lock classes with
 * a hidden rank (a topological order), {@code orders} distinct class pairs {@code a -> b} with
 * {@code rank(a) < rank(b)}, so that no order ever reverses another, and the permutation in which
 * the classes are enrolled, unrelated to the ranks.
 *
 * <p>{@link Kind#RANDOM} inserts the orders in random order; {@link Kind#REVERSE} inserts them in
 * reverse topological order (descending source rank, then descending target rank), the classic bad
 * case of an incremental topological order that appends new nodes. Immutable once built; built
 * from a fixed seed, so every run inserts the same orders.
 */
final class OrderWorkload {
    /** The order in which the edges are inserted. */
    enum Kind { RANDOM, REVERSE }

    final int classes;
    /** Ranks of the classes, in enrolment order. */
    final int[] enrolment;
    /** Source and target rank of each order, in insertion order. */
    final int[] from;
    final int[] to;

    OrderWorkload(int classes, int orders, Kind kind, long seed) {
        long pairs = (long) classes * (classes - 1) / 2;
        if (orders > pairs) {
            throw new IllegalArgumentException(orders + " orders need more than " + classes + " classes");
        }
        SplittableRandom random = new SplittableRandom(seed);
        this.classes = classes;
        this.enrolment = permutation(classes, random);
        long[] edges = distinctPairs(classes, orders, random);
        if (kind == Kind.RANDOM) {
            shuffle(edges, random);
        } else {
            for (int i = 0; i < edges.length; i++) {
                edges[i] = key(classes - 1 - source(edges[i]), classes - 1 - target(edges[i]));
            }
            Arrays.sort(edges);
            for (int i = 0; i < edges.length; i++) {
                edges[i] = key(classes - 1 - source(edges[i]), classes - 1 - target(edges[i]));
            }
        }
        from = new int[orders];
        to = new int[orders];
        for (int i = 0; i < orders; i++) {
            from[i] = source(edges[i]);
            to[i] = target(edges[i]);
        }
    }

    int orders() {
        return from.length;
    }

    /** {@code orders} distinct pairs (a, b) with a &lt; b, sorted. */
    private static long[] distinctPairs(int classes, int orders, SplittableRandom random) {
        long[] edges = new long[0];
        int have = 0;
        while (have < orders) {
            int want = orders - have + orders / 8 + 16;
            long[] more = Arrays.copyOf(edges, have + want);
            for (int i = have; i < more.length; i++) {
                int a = random.nextInt(classes);
                int b = random.nextInt(classes - 1);
                b = b >= a ? b + 1 : b;
                more[i] = key(Math.min(a, b), Math.max(a, b));
            }
            Arrays.sort(more);
            int n = 0;
            for (int i = 0; i < more.length; i++) {
                if (n == 0 || more[i] != more[n - 1]) {
                    more[n++] = more[i];
                }
            }
            edges = more;
            have = n;
        }
        long[] chosen = Arrays.copyOf(edges, have);
        shuffle(chosen, random);
        chosen = Arrays.copyOf(chosen, orders);
        Arrays.sort(chosen);
        return chosen;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        return p;
    }

    private static void shuffle(long[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | b;
    }

    private static int source(long key) {
        return (int) (key >>> 32);
    }

    private static int target(long key) {
        return (int) key;
    }
}
