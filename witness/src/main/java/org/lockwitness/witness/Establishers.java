package org.lockwitness.witness;

import java.util.Arrays;

/**
 * Who took one lock order, for the {@link CycleFilter}s: the one thread that took it, or
 * {@link #MANY}; the locks held at every acquire that took it (its gates, the intersection of the
 * held locks each time, by instance); and the start/join clocks of the first and the latest time
 * ({@link StartJoin}). Recorded for an edge of the order graph, for an instance order
 * ({@link InstanceOrders}) and for the closing acquire of a reversal.
 *
 * <h2>Design</h2>
 * Updated only on the slow path: when the order is created, and when a thread takes it again for the
 * first time in a stretch of its life that differs in the classes it holds or in its start/join
 * clock ({@link SeenOrders}). A thread that takes the order again under the same classes in the
 * same stretch is not seen: if it held another instance of a gate's class that time, the gate is
 * kept though it was not common (documented in README). A kernel thread (not a Java thread) makes
 * the order {@link #MANY} with no gates, so that no cycle through it is filtered.
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe: used only under the checker lock.
 */
final class Establishers {
    /** The thread of an order taken by more than one thread, or by a kernel thread. */
    static final long MANY = -1;
    private static final long[] NO_GATES = new long[0];
    private static final int[] NO_CLASSES = new int[0];
    /**
     * The one record of every order no Java thread alone took (declared, or taken by a kernel
     * thread): {@link #MANY}, no gates, no clocks, so {@link #add} never changes it and it can be shared.
     */
    private static final Establishers NONE = none();

    long thread;
    String threadName;
    /** The gate instances, and their classes at the same index. */
    long[] gates;
    int[] gateClasses;
    ThreadClock first;
    ThreadClock last;
    /** Set while a qualified finding's cycle depends on it ({@link CycleFilters#watch}). */
    boolean watched;

    private Establishers() {
    }

    /** The acquire that {@code t} makes now, holding {@code held} but for the entry {@code except}. */
    static Establishers now(WitnessThread t, HeldLocks held, int except, ThreadClock clock) {
        if (!t.java) {
            return NONE;
        }
        Establishers e = new Establishers();
        e.thread = t.tid;
        e.threadName = t.name;
        int n = 0;
        long[] g = new long[held.depth];
        int[] c = new int[held.depth];
        for (int i = 0; i < held.depth; i++) {
            if (i != except) {
                g[n] = held.instance(i);
                c[n++] = held.classOf(i);
            }
        }
        e.gates = Arrays.copyOf(g, n);
        e.gateClasses = Arrays.copyOf(c, n);
        e.first = clock;
        e.last = clock;
        return e;
    }

    /** A declared order: taken by no thread at run time, so never filtered. */
    static Establishers declared() {
        return NONE;
    }

    private static Establishers none() {
        Establishers e = new Establishers();
        e.thread = MANY;
        e.gates = NO_GATES;
        e.gateClasses = NO_CLASSES;
        return e;
    }

    /**
     * {@code other} took the order again; returns whether this record changed (the thread became
     * {@link #MANY}, a gate was dropped, or the latest clock moved).
     */
    boolean add(Establishers other) {
        boolean changed = false;
        if (thread != MANY && other.thread != thread) {
            thread = MANY;
            changed = true;
        }
        int n = 0;
        for (int i = 0; i < gates.length; i++) {
            if (contains(other.gates, gates[i])) {
                gates[n] = gates[i];
                gateClasses[n++] = gateClasses[i];
            }
        }
        if (n != gates.length) {
            gates = Arrays.copyOf(gates, n);
            gateClasses = Arrays.copyOf(gateClasses, n);
            changed = true;
        }
        if (thread != MANY && other.last != last) {
            last = other.last;
            changed = true;
        }
        return changed;
    }

    private static boolean contains(long[] a, long x) {
        for (long y : a) {
            if (y == x) {
                return true;
            }
        }
        return false;
    }
}
