package org.lockwitness.witness;

import java.util.List;

/**
 * The order of two instances of one Java lock class nested ({@code transfer(a, b)} against
 * {@code transfer(b, a)}), our extension to {@code witness_checkorder}: FreeBSD and lockdep see only
 * classes and report any such nesting as a duplicate of one class, which for Java objects of one
 * class would be noise. The nestings seen are kept per instance pair in {@link InstanceOrders},
 * with the locks held below the first instance (its gates); the opposite nesting with no common
 * gate is a {@link Rule#LOCK_ORDER_REVERSAL}, once per class, while nestings ordered by a common
 * lock, or by a tie-breaker that always nests the same way, stay silent.
 *
 * <h2>Design and thread-safety</h2>
 * {@link #check} runs in the order check's slow path, under the checker lock. {@link #known} is
 * its fast path, on the reporting thread's confined state: a thread that nests the same two
 * instances in the same company again costs a look for the instance among those it holds, the
 * company's hash (one compare per lock held when that company was hashed before,
 * {@link HeldLocks#company}) and one probe of its {@link SeenOrders}, and allocates nothing.
 */
final class InstanceNesting {
    private final WitnessState state;

    InstanceNesting(WitnessState state) {
        this.state = state;
    }

    /**
     * Whether a Java thread nests another instance of a Java lock class it holds in a way it already
     * had checked: the same two instances, under the same instances held ({@link HeldLocks#company}),
     * at the same start/join time, and plock's class order to it known. The slow path would change
     * nothing then (the nesting is recorded, its {@link Establishers} already have this thread and
     * these gates, a reversal it closes was reported or qualified), so a lock nested this way
     * allocates nothing. A first time is recorded here and left to the slow path. Thread-confined.
     */
    boolean known(WitnessThread t, HeldLocks held, int lock, long instance, int parent, int dep) {
        int cls = LockId.classOf(lock);
        if (!t.java || !LockId.kind(lock).isJava() || held.find(instance) >= 0) {
            return false;
        }
        int same = held.findClass(cls, held.depth);
        if (same < 0 || t.seenOrders.add(SeenOrders.nestingKey(cls, held.instance(same), instance, held.company(),
                t.epoch))) {
            return false;
        }
        return parent == cls || state.cache.knownAndCount(parent, cls, dep);
    }

    /** The instances held below the first of the two, copied only when a nesting is first recorded. */
    private static long[] gates(HeldLocks held, int same) {
        long[] gates = new long[same];
        for (int i = 0; i < same; i++) {
            gates[i] = held.instance(i);
        }
        return gates;
    }

    /**
     * Two instances of one Java lock class nested: records {@code held -> instance} with the other
     * locks held below the first (its gates) and reports a {@link Rule#LOCK_ORDER_REVERSAL}, once
     * per class, when the opposite nesting was seen without a common gate ({@link InstanceOrders}).
     * Under the lock.
     */
    Finding check(WitnessThread t, HeldLocks held, int same, int lock, long instance, int site) {
        int cls = LockId.classOf(lock);
        long first = held.instance(same);
        InstanceOrders orders = state.instanceOrders;
        InstanceOrders.Order opposite = orders.get(cls, instance, first);
        InstanceOrders.Order mine = orders.get(cls, first, instance);
        Establishers by = state.cycleFilters.now(t, held, same);
        if (mine != null) {
            state.cycleFilters.seen(mine.by(), by);
        }
        String here = state.siteText(site);
        if (opposite == null || InstanceOrders.shareGate(opposite.gates(), held, same)) {
            if (mine == null) {
                int stack = state.stackStore.full() ? 0 : state.stackStore.intern(state.stacks.capture());
                orders.put(cls, first, instance, new InstanceOrders.Order(here, stack, gates(held, same), by));
            }
            return null;
        }
        WitnessType type = state.classes.byId(cls);
        long pair = OrderEdge.key(cls, cls);
        if (state.reportedPairs.contains(pair) || state.options.config.isBlessed(type.name, type.name)) {
            state.reportedPairs.add(pair);
            return null;
        }
        int[] classes = {cls};
        List<Establishers> cycle = List.of(opposite.by(), mine == null ? by : mine.by());
        Findings.Qualified q = state.cycleFilters.decide(classes, cycle);
        if (q != null && state.findings.qualified(Findings.key(Rule.LOCK_ORDER_REVERSAL, type.name))) {
            return null;
        }
        int nowId = state.stackStore.intern(state.stacks.capture());
        if (mine == null) {
            orders.put(cls, first, instance, new InstanceOrders.Order(here, nowId, gates(held, same), by));
        }
        List<String> now = state.stackStore.get(nowId);
        String msg = Messages.lorHeader(Messages.INSTANCES_BOTH_ORDERS)
                + '\n' + OrderCheck.heldLine(state, held, same, Messages.ordinal(0))
                + '\n' + Messages.lorLine(Messages.ordinal(1), instance, type.name, type.className(), here);
        Backtrace before = opposite.stack() == 0 ? new Backtrace(Messages.missing(type.name, type.name), List.of())
                : new Backtrace(Messages.established(type.name, type.name), state.stackStore.get(opposite.stack()));
        return state.cycleFilters.report(t, q, pair, classes, cycle, type.name, msg, List.of(type.name, type.name),
                List.of(here, state.recordedSite(held.site(same)), opposite.site()),
                List.of(before, new Backtrace(Messages.attempted(type.name, type.name), now)));
    }
}
