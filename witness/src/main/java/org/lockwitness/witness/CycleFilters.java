package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link CycleFilter}s: whether a lock-order cycle among Java locks can deadlock at all, asked
 * by the order check when it finds a reversal ({@link OrderCheck}) and again whenever what a
 * qualified finding relied on changes. A cycle that a filter explains is recorded as
 * {@link Rule#LOCK_ORDER_REVERSAL} with the filter as its qualifier and the policy
 * {@link Policy#WARN} ({@link Findings#record}); the first evidence against the filter (another
 * thread taking one of its orders, an acquire without the gate, a write acquire) makes it an
 * ordinary finding with its rule's policy. Our extension: FreeBSD and lockdep have no such filters;
 * the single-thread and gate-lock ones are those of Java lock-order tools (JCarder, Dl-Check), the
 * start/join one is Goodlock's happens-before.
 *
 * <h2>Design</h2>
 * Every order carries its {@link Establishers}: an edge of the graph, an instance order, and the
 * closing acquire of each reversal found. They are written on the slow path only: when an order is
 * created, and when a Java thread takes an order for the first time in one stretch of its life
 * ({@link SeenOrders}, probed before the fast path, the one cost the filters add to it). The
 * decision reads them in a fixed precedence: single thread, gate lock, start/join, read/read; the
 * first that applies qualifies the finding. The cycles of qualified findings are kept, and a change
 * to an {@link Establishers} they depend on, or a first write acquire of one of their classes,
 * decides them again.
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe: used only under the checker lock, but for {@link #firstTime}, which touches only
 * the calling thread's own state.
 */
final class CycleFilters {
    /** A qualified finding's cycle: its key, its class pair, its classes and its orders. */
    private record Watched(long pair, int[] classes, List<Establishers> orders) {
    }

    private final WitnessState state;
    private final boolean tracking;
    /** The closing acquires of the qualified reversals, by class pair. */
    private final Map<Long, Establishers> closings = new HashMap<>();
    /** The cycles of the qualified findings, by full finding key. */
    private final Map<String, Watched> watched = new LinkedHashMap<>();

    CycleFilters(WitnessState state) {
        this.state = state;
        WitnessOptions o = state.options;
        this.tracking = o.filters(CycleFilter.SINGLE_THREAD) || o.filters(CycleFilter.GATE_LOCK)
                || o.filters(CycleFilter.START_JOIN);
    }

    /**
     * Whether {@link #firstTime} would be false for this order, without recording it: the fast
     * path's test, which leaves a first time to the full check. No lock, no allocation.
     */
    boolean seenBefore(WitnessThread t, HeldLocks held, int parent, int child, int dep) {
        return !tracking || !t.java || t.seenOrders.containsOrder(parent, child, dep, held.classBits(), t.epoch);
    }

    /**
     * Before the fast path: whether Java thread {@code t} takes {@code parent -> child} of kind
     * {@code dep} for the first time in this stretch of its life, so that the slow path must see it.
     * False whenever no filter that needs to know who took an order is on. No lock, no allocation
     * in steady state.
     */
    boolean firstTime(WitnessThread t, HeldLocks held, int parent, int child, int dep) {
        return tracking && t.java && t.seenOrders.addOrder(parent, child, dep, held.classBits(), t.epoch);
    }

    /** The acquire {@code t} makes now, holding {@code held} but for the entry {@code except}. */
    Establishers now(WitnessThread t, HeldLocks held, int except) {
        return Establishers.now(t, held, except, t.java ? state.startJoin.clock(t.tid) : null);
    }

    /** {@code by}'s order was taken again by {@code now}; decides the qualified findings again if it changed. */
    void seen(Establishers by, Establishers now) {
        if (by.add(now) && by.watched) {
            recheck();
        }
    }

    /** The closing acquire of the reversal of {@code pair}, made now by {@code t}, merged with earlier ones. */
    Establishers closing(long pair, WitnessThread t, HeldLocks held, int except) {
        Establishers now = now(t, held, except);
        Establishers known = closings.get(pair);
        if (known == null) {
            closings.put(pair, now);
            return now;
        }
        known.add(now);
        return known;
    }

    /** Whether the reversal of the class pair {@code pair} was reported qualified and is still. */
    boolean qualifiedPair(long pair) {
        for (Watched w : watched.values()) {
            if (w.pair == pair) {
                return true;
            }
        }
        return false;
    }

    /**
     * The filter that explains the cycle through {@code classes} whose orders are {@code orders},
     * with its reason, or null when the cycle can deadlock as far as the switched-on filters tell.
     */
    Findings.Qualified decide(int[] classes, List<Establishers> orders) {
        boolean readOnly = true;
        for (int c : classes) {
            WitnessType type = state.classes.byId(c);
            LockKind kind = type.kind;
            if (kind == null || !kind.isJava()) {
                return null;
            }
            readOnly &= (kind == LockKind.JAVA_RW || kind == LockKind.JAVA_STAMPED) && !type.writeSeen;
        }
        WitnessOptions o = state.options;
        if (o.filters(CycleFilter.SINGLE_THREAD) && singleThread(orders)) {
            return new Findings.Qualified(CycleFilter.SINGLE_THREAD,
                    Messages.filterSingleThread(orders.get(0).threadName));
        }
        if (o.filters(CycleFilter.GATE_LOCK)) {
            int gate = commonGate(orders);
            if (gate >= 0) {
                return new Findings.Qualified(CycleFilter.GATE_LOCK,
                        Messages.filterGate(state.classes.byId(orders.get(0).gateClasses[gate]).name));
            }
        }
        if (o.filters(CycleFilter.START_JOIN)) {
            for (Establishers a : orders) {
                for (Establishers b : orders) {
                    if (before(a, b)) {
                        return new Findings.Qualified(CycleFilter.START_JOIN,
                                Messages.filterStartJoin(a.threadName, b.threadName));
                    }
                }
            }
        }
        if (o.filters(CycleFilter.READ_READ) && readOnly) {
            return new Findings.Qualified(CycleFilter.READ_READ, Messages.filterReadRead());
        }
        return null;
    }

    /** The classes of the cycle that {@code w1 -> cls} closes along {@code path}. */
    static int[] classes(int w1, int cls, List<OrderEdge> path) {
        int[] classes = new int[path.size() + 2];
        classes[0] = w1;
        classes[1] = cls;
        for (int i = 0; i < path.size(); i++) {
            classes[i + 2] = path.get(i).to;
        }
        return classes;
    }

    /** The orders of the cycle: the edges of {@code path}, then the acquire that closes it. */
    static List<Establishers> orders(List<OrderEdge> path, Establishers closing) {
        List<Establishers> orders = new ArrayList<>(path.size() + 1);
        for (OrderEdge e : path) {
            orders.add(e.established);
        }
        orders.add(closing);
        return orders;
    }

    /**
     * Records a reversal of the class pair {@code pair} seen by {@code t}, qualified by {@code q}
     * (null: not): a qualified one is watched and may be recorded again; an unqualified one settles
     * its pair for good. Returns the finding if its policy is PANIC.
     */
    Finding report(WitnessThread t, Findings.Qualified q, long pair, int[] classes, List<Establishers> cycle,
            String key, String msg, List<String> locks, List<String> sites, List<Backtrace> traces) {
        String fullKey = Findings.key(Rule.LOCK_ORDER_REVERSAL, key);
        if (q == null) {
            settled(fullKey, pair);
        }
        Finding f = state.report(Rule.LOCK_ORDER_REVERSAL, key, msg, locks, sites, traces, t, q);
        if (q != null) {
            watch(fullKey, pair, classes, cycle);
        }
        return f;
    }

    /** Keeps the cycle of the qualified finding under {@code fullKey}, to decide it again on news. */
    private void watch(String fullKey, long pair, int[] classes, List<Establishers> orders) {
        for (Establishers e : orders) {
            e.watched = true;
        }
        watched.put(fullKey, new Watched(pair, classes, List.copyOf(orders)));
    }

    /** The finding under {@code fullKey} is no longer qualified: the pair is reported for good. */
    private void settled(String fullKey, long pair) {
        watched.remove(fullKey);
        closings.remove(pair);
        state.reportedPairs.add(pair);
    }

    /** The first write acquire of class {@code cls} was seen; a read/read cycle through it may fail now. */
    void writeSeen(int cls) {
        for (Watched w : watched.values()) {
            for (int c : w.classes) {
                if (c == cls) {
                    recheck();
                    return;
                }
            }
        }
    }

    /** Forgets the qualified cycles ({@link WitnessState#reset}). */
    void clear() {
        closings.clear();
        watched.clear();
    }

    private void recheck() {
        for (Iterator<Map.Entry<String, Watched>> it = watched.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Watched> e = it.next();
            Watched w = e.getValue();
            if (decide(w.classes, w.orders) == null) {
                it.remove();
                closings.remove(w.pair);
                state.reportedPairs.add(w.pair);
                state.unqualify(e.getKey());
            }
        }
    }

    private static boolean singleThread(List<Establishers> orders) {
        long thread = orders.get(0).thread;
        for (Establishers e : orders) {
            if (e.thread == Establishers.MANY || e.thread != thread) {
                return false;
            }
        }
        return true;
    }

    /** The index in the first order's gates of a gate every order had, or -1. */
    private static int commonGate(List<Establishers> orders) {
        long[] gates = orders.get(0).gates;
        for (int i = 0; i < gates.length; i++) {
            boolean all = true;
            for (Establishers e : orders) {
                all &= contains(e.gates, gates[i]);
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether every time {@code a}'s one thread took its order happens before every time
     * {@code b}'s other thread took its own, by start and join alone.
     */
    private static boolean before(Establishers a, Establishers b) {
        if (a.thread == Establishers.MANY || b.thread == Establishers.MANY || a.thread == b.thread
                || a.last == null || b.first == null) {
            return false;
        }
        int time = a.last.get(a.thread);
        return time >= 1 && time <= b.first.get(a.thread);
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
