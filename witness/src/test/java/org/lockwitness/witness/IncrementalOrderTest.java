package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Reversals through the {@link Witness} API after the incremental order has been reshuffled many
 * times: classes enrolled in a random permutation, orders inserted in an order unrelated to the
 * ranks they respect, then cycles closed by the k-th acquisition, each reported whole; and lockdep's
 * reader rule after reordering.
 */
class IncrementalOrderTest {

    @Test
    void cyclesClosedAfterManyReorders_areReportedWithTheShortestPathAndEveryEdgeSite() {
        SplittableRandom random = new SplittableRandom(7);
        int classes = 300;
        Sim sim = new Sim();
        WitnessThread t = sim.thread("t");
        Sim.Lock[] byRank = new Sim.Lock[classes];
        for (int rank : shuffled(classes, random)) {
            byRank[rank] = sim.lock("r" + rank, LockKind.SLEEP_MUTEX);
        }
        Map<Integer, List<Integer>> out = new HashMap<>();
        Map<Long, String> siteOf = new HashMap<>();
        Set<Long> closed = new HashSet<>();
        int expectedFindings = 0;
        for (int k = 1; k <= 3000; k++) {
            int a = random.nextInt(classes);
            int b = random.nextInt(classes);
            if (a == b || siteOf.containsKey(key(Math.min(a, b), Math.max(a, b)))) {
                continue;
            }
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            int site = sim.site("order.c", k);
            sim.take(t, byRank[lo], 0);
            sim.take(t, byRank[hi], site);
            sim.drop(t, byRank[hi], 0);
            sim.drop(t, byRank[lo], 0);
            out.computeIfAbsent(lo, x -> new ArrayList<>()).add(hi);
            siteOf.put(key(lo, hi), "order.c:" + k);
            if (k % 250 != 0) {
                continue;
            }
            // close a cycle: hold a class, then take one of its ancestors
            int x = random.nextInt(classes);
            List<Integer> path = shortestPath(out, x, random);
            if (path == null || !closed.add(key(x, path.get(path.size() - 1)))) {
                continue;
            }
            int y = path.get(path.size() - 1);
            sim.take(t, byRank[y], sim.site("hold.c", k));
            sim.take(t, byRank[x], sim.site("close.c", k));
            expectedFindings++;
            List<Finding> all = sim.findings();
            assertEquals(expectedFindings, all.size(), all::toString);
            Finding f = all.get(all.size() - 1);
            List<String> locks = new ArrayList<>(List.of("r" + y, "r" + x));
            List<String> sites = new ArrayList<>(List.of("close.c:" + k, "hold.c:" + k));
            for (int i = 1; i < path.size(); i++) {
                if (i < path.size() - 1) {
                    locks.add("r" + path.get(i));
                }
                sites.add(siteOf.get(key(path.get(i - 1), path.get(i))));
            }
            assertEquals(Rule.LOCK_ORDER_REVERSAL, f.rule());
            assertEquals(locks, f.locks(), "the cycle closed after order " + k);
            assertEquals(sites, f.sites(), "the sites of the cycle closed after order " + k);
            sim.drop(t, byRank[x], 0);
            sim.drop(t, byRank[y], 0);
        }
        assertTrue(expectedFindings >= 5, "closed " + expectedFindings + " cycles");
    }

    @Test
    void nonStrongReaderCycle_staysSilentAfterReordering_andTheStrongOneIsReportedWhole() {
        Sim sim = new Sim();
        WitnessThread t1 = sim.thread("t1");
        WitnessThread t2 = sim.thread("t2");
        Sim.Lock r = sim.lock("R", LockKind.RW);
        Sim.Lock a = sim.lock("A", LockKind.RW);
        Sim.Lock b = sim.lock("B", LockKind.RW);
        Sim.Lock c = sim.lock("C", LockKind.RW);
        List<Sim.Lock> chain = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            chain.add(sim.lock("X" + i, LockKind.SLEEP_MUTEX));
        }
        // the chain C -> X0 -> ... -> X39, its links in random order, then X39 -> A and C -> X0
        for (int i : shuffled(chain.size() - 1, new SplittableRandom(3))) {
            sim.pair(t1, chain.get(i), chain.get(i + 1));
        }
        sim.pair(t1, chain.get(chain.size() - 1), a);
        sim.pair(t1, c, chain.get(0));
        // A -(SR)-> B (R held shared, so B is a recursive read), B -(SN)-> C: closes A ~> A only
        // through a recursive read followed by a shared hold
        sim.take(t1, r, 0, OpFlags.SHARED);
        sim.take(t1, a, 0, OpFlags.SHARED);
        sim.take(t1, b, 0, OpFlags.SHARED);
        sim.drop(t1, b, 0, OpFlags.SHARED);
        sim.drop(t1, a, 0, OpFlags.SHARED);
        sim.drop(t1, r, 0, OpFlags.SHARED);
        sim.take(t1, b, 0, OpFlags.SHARED);
        sim.take(t1, c, 0);
        sim.drop(t1, c, 0);
        sim.drop(t1, b, 0, OpFlags.SHARED);
        sim.silent();
        // A writer then a first read of B: A -(EN)-> B closes the strong cycle A -> B -> C -> X.. -> A
        sim.take(t2, a, 0);
        sim.take(t2, b, 0, OpFlags.SHARED);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        List<String> cycle = new ArrayList<>(List.of("A", "B", "C"));
        chain.forEach(l -> cycle.add(l.name));
        assertEquals(cycle, f.locks());
    }

    /** The shortest path from {@code x} to a random one of its descendants, ties by insertion order. */
    private static List<Integer> shortestPath(Map<Integer, List<Integer>> out, int x, SplittableRandom random) {
        Map<Integer, Integer> parent = new HashMap<>();
        List<Integer> seen = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(x));
        parent.put(x, x);
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int w : out.getOrDefault(v, List.of())) {
                if (!parent.containsKey(w)) {
                    parent.put(w, v);
                    seen.add(w);
                    queue.add(w);
                }
            }
        }
        if (seen.isEmpty()) {
            return null;
        }
        List<Integer> path = new ArrayList<>();
        for (int v = seen.get(random.nextInt(seen.size())); v != x; v = parent.get(v)) {
            path.add(v);
        }
        path.add(x);
        Collections.reverse(path);
        return path;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int s = p[i];
            p[i] = p[j];
            p[j] = s;
        }
        return p;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | b;
    }
}
