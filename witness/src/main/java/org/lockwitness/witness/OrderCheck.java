package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The order check of a blocking acquire, fast and slow path together: FreeBSD's
 * {@code witness_checkorder} (kernel-reference §1.4) and lockdep's {@code validate_chain} /
 * {@code check_prev_add}. Its rules: {@link Rule#RECURSION}, {@link Rule#DUPLICATE_LOCK_TYPE},
 * {@link Rule#LOCK_ORDER_REVERSAL}; its effects: the order edges, including the declared orders
 * of the configuration, seeded before any lock is taken ({@code witness_initialize}'s
 * {@code order_lists}).
 *
 * <h2>Design</h2>
 * {@link #checkOrder} first applies the kind and context rules, then the one preamble of the order
 * check, {@link #plock}: the most recently acquired held lock other than the interlock, or an early
 * return when there is none. From there the fast path reads one {@link OrderCache} entry: an order
 * already known (or already found reversed), with no lock of the class held, is counted and done,
 * without a lock or an allocation. {@link #known} is that fast path written out on its own, which
 * the façade tries first: small enough to be inlined, it decides the common case with the same
 * effects and leaves everything else, untouched, to {@link #checkOrder}. Anything else takes the
 * slow path, {@link #slowPath}, under the
 * checker lock: recursion, duplicate type, the reversal search over the held locks (FreeBSD's
 * {@code isitmydescendant} through {@link OrderGraph#strongPath}), and the new edge plock -&gt; lock
 * with at most one stored stack, deduplicated in the {@link StackStore} and dropped when it is
 * full. A pair the full order cache cannot take disables the checker.
 *
 * <h2>Thread-safety</h2>
 * Stateless itself. The held list it reads is confined to the reporting thread (or the thread on
 * the CPU), so the plock the fast path chose is still the plock under the lock; everything shared
 * is read or changed under the checker lock, except the cache's lock-free fast-path read.
 */
final class OrderCheck {
    private final WitnessState state;
    private final Dispatch dispatch;
    private final ContextRules context;
    private final KindRules kinds;
    private final InstanceNesting nesting;

    OrderCheck(WitnessState state, Dispatch dispatch, ContextRules context, KindRules kinds) {
        this.state = state;
        this.nesting = new InstanceNesting(state);
        this.dispatch = dispatch;
        this.context = context;
        this.kinds = kinds;
    }

    /**
     * Creates the types and edges of the configured orders; returns the {@link Rule#CHECKER_EXHAUSTED}
     * finding if a table filled up, else null. Under the lock.
     */
    Finding seedDeclaredOrders() {
        WitnessConfig config = state.options.config;
        for (int i = 0; i < config.orders().size(); i++) {
            List<String> chain = config.orders().get(i);
            for (int k = 0; k + 1 < chain.size(); k++) {
                WitnessType from = state.typeFor(chain.get(k));
                WitnessType to = state.typeFor(chain.get(k + 1));
                if (from == null || to == null) {
                    return state.exhausted(Messages.CLASS_TABLE, Messages.exhausted(null, state.options.classLimit),
                            List.of());
                }
                OrderEdge e = new OrderEdge(from.id, to.id, false, true, config.orderSite(i), 0);
                if (!state.addDeclared(e)) {
                    return ordersExhausted(from.id, to.id);
                }
                state.declaredEdges.add(e);
            }
        }
        return null;
    }

    /**
     * The fast path of {@link #checkOrder}, written out so that it is small enough to be inlined
     * into the caller: true when the acquire is decided without a finding and without the lock,
     * after exactly the effects {@link #checkOrder} would have had (the cache's count); false when
     * {@link #checkOrder} must decide, having changed nothing. It decides an acquire outside any
     * rendezvous handler, through the right API and, for a sleep lock, in an ordinary context,
     * that orders against nothing or against a plock whose order to it is known, with no lock of
     * its class held (by the held list's Bloom word: a collision is left to {@link #checkOrder}),
     * and, for a Java thread, an order it took before in the same company
     * ({@link CycleFilters#seenBefore}: its first time is left to {@link #checkOrder}). The hit
     * paths of the thread's cached CPU state and of its order memo are static, so a repeat reaches
     * neither the CPU table nor the order cache.
     */
    boolean known(WitnessThread t, int lock, int flags, long interlock) {
        boolean spin = LockId.isSpin(lock);
        if (t.rendezvousDepth != 0 || spin != ((flags & OpFlags.SPIN_OP) != 0)) {
            return false;
        }
        CpuState cpu = CpuTable.cached(t);
        if (cpu == null) {
            cpu = state.cpus.refill(t);
        }
        if (!spin && !ContextRules.ordinary(t, cpu)) {
            return false;
        }
        HeldLocks held = spin ? cpu.spinLocks() : t.sleepLocks();
        int plock = plock(held, interlock);
        if (plock < 0) {
            return true;
        }
        int cls = LockId.classOf(lock);
        int dep = Deps.of(!held.exclusive(plock), recursiveRead(t, lock, flags));
        int parent = held.classOf(plock);
        return !held.mayHoldClass(cls) && state.cycleFilters.seenBefore(t, held, parent, cls, dep)
                && (OrderCache.memoHit(t, parent, cls, dep) || state.cache.knownAndRemember(t, parent, cls, dep));
    }

    /** {@link Witness#checkOrder}: at most one finding, in the documented order of precedence. */
    void checkOrder(WitnessThread t, int lock, long instance, int site, int flags, long interlock) {
        context.rendezvousPoint(t, site);
        boolean spin = LockId.isSpin(lock);
        CpuState cpu = state.cpus.of(t);
        if (spin != ((flags & OpFlags.SPIN_OP) != 0)) {
            kinds.wrongApi(t, lock, site, flags, false);
            return;
        }
        if (!spin && context.sleepLockForbidden(t, cpu, lock, site)) {
            return;
        }
        HeldLocks held = spin ? cpu.spinLocks() : t.sleepLocks();
        int plock = plock(held, interlock);
        if (plock < 0) {
            return;
        }
        int cls = LockId.classOf(lock);
        boolean recursiveRead = recursiveRead(t, lock, flags);
        int dep = Deps.of(!held.exclusive(plock), recursiveRead);
        if (state.cycleFilters.firstTime(t, held, held.classOf(plock), cls, dep)) {
            dispatch.run(t, () -> slowPath(t, held, plock, lock, instance, site, flags, interlock, recursiveRead));
            return;
        }
        int parent = held.classOf(plock);
        if (!held.holdsClass(cls) ? state.cache.knownAndCount(parent, cls, dep)
                : nesting.known(t, held, lock, instance, parent, dep)) {
            return;
        }
        dispatch.run(t, () -> slowPath(t, held, plock, lock, instance, site, flags, interlock, recursiveRead));
    }

    /**
     * The preamble: the index of plock, the most recently acquired held lock other than
     * {@code interlock}, or -1 when the acquire orders against nothing.
     */
    static int plock(HeldLocks held, long interlock) {
        int top = held.depth - 1;
        if (top >= 0 && interlock != 0 && held.instance(top) == interlock) {
            top--;
        }
        return top;
    }

    /**
     * Whether a shared acquire is a recursive read, one that cannot block behind a writer because
     * this thread already holds an sx or rw lock shared ({@code td_sx_slocks}, {@code td_rw_rlocks}).
     */
    static boolean recursiveRead(WitnessThread t, int lock, int flags) {
        if ((flags & OpFlags.SHARED) == 0) {
            return false;
        }
        LockKind kind = LockId.kind(lock);
        return (kind == LockKind.SX && t.sxShared > 0) || (kind == LockKind.RW && t.rwShared > 0);
    }

    /** The slow path from recursion on, for an acquire the fast path did not decide. Under the lock. */
    private Finding slowPath(WitnessThread t, HeldLocks held, int plock, int lock, long instance, int site,
            int flags, long interlock, boolean recursiveRead) {
        int cls = LockId.classOf(lock);
        int mine = held.holdsClass(cls) ? held.find(instance) : -1;
        if (mine >= 0) {
            return recursion(t, held, mine, lock, site, flags);
        }
        int parent = held.classOf(plock);
        if (LockId.kind(lock).isJava()) {
            int same = held.findClass(cls, held.depth);
            if (same >= 0) {
                Finding f = nesting.check(t, held, same, lock, instance, site);
                if (f != null || parent == cls) {
                    return f;
                }
            }
        }
        if (parent == cls) {
            return duplicate(t, held, plock, lock, site, flags);
        }
        int dep = Deps.of(!held.exclusive(plock), recursiveRead);
        int slot = state.cache.claim(parent, cls);
        if (slot < 0) {
            return ordersExhausted(parent, cls);
        }
        state.cache.count(slot);
        if (state.cache.covered(slot, dep)) {
            state.cycleFilters.seen(state.graph.edgeAt(slot).established, state.cycleFilters.now(t, held, plock));
            return null;
        }
        if (state.cache.reversed(slot, dep) && !state.cycleFilters.qualifiedPair(pairKey(parent, cls))) {
            return null;
        }
        boolean sleepable = LockId.sleepable(lock) && (flags & OpFlags.NOSLEEP) == 0;
        boolean giant = LockId.isGiant(lock);
        for (int j = held.depth - 1; j >= 0; j--) {
            int w1 = held.classOf(j);
            if ((interlock != 0 && held.instance(j) == interlock) || w1 == cls) {
                continue;
            }
            boolean heldSleepable = held.sleepable(j);
            if ((giant && heldSleepable) || (sleepable && LockId.isGiant(held.lock(j)))) {
                continue;
            }
            int closing = Deps.of(!held.exclusive(j), recursiveRead);
            String reason = null;
            List<OrderEdge> path = List.of();
            if ((sleepable || giant) && !heldSleepable) {
                reason = sleepable ? Messages.SLEEPABLE_AFTER_NON_SLEEPABLE : Messages.GIANT_AFTER_NON_SLEEPABLE;
                OrderEdge recorded = state.graph.edge(cls, w1);
                path = recorded == null ? List.of() : List.of(recorded);
            } else {
                path = state.graph.strongPath(cls, w1, closing);
                if (path == null) {
                    continue;
                }
            }
            return reversal(t, held, j, j == plock, lock, instance, site, closing, reason, path);
        }
        if (!(LockId.isGiant(held.lock(plock)) && sleepable)) {
            return addEdge(t, held, plock, slot, parent, cls, dep, site);
        }
        return null;
    }

    /**
     * {@link Rule#RECURSION}: the instance at {@code i} is already held by this thread or CPU and
     * is acquired again in a conflicting mode or without RECURSE. A {@link LockKind#JAVA_RW} lock
     * follows the JDK: only a write while reading it conflicts (a read under the write is a legal
     * downgrade). Under the lock; also called by
     * the hold rules for a try-acquire.
     */
    Finding recursion(WitnessThread t, HeldLocks held, int i, int lock, int site, int flags) {
        boolean heldExclusive = held.exclusive(i);
        boolean shared = (flags & OpFlags.SHARED) != 0;
        String here = state.siteText(site);
        String name = state.name(lock);
        String message;
        if (LockId.kind(lock) == LockKind.JAVA_STAMPED) {
            message = Messages.stampedTwice(heldExclusive, shared, name, here, state.recordedSite(held.site(i)));
        } else if (LockId.kind(lock) == LockKind.JAVA_RW) {
            if (heldExclusive || shared) {
                return null;
            }
            message = Messages.readThenWrite(name, here, state.recordedSite(held.site(i)));
        } else if (heldExclusive == shared) {
            message = Messages.recursedInMode(shared, state.className(lock), name, here,
                    state.recordedSite(held.site(i)));
        } else if (heldExclusive && !LockId.recursable(lock)) {
            message = Messages.recursed(state.kind(lock), name, here);
        } else {
            return null;
        }
        return state.reportLock(Rule.RECURSION, name + '\u0000' + here, message, lock, here, t);
    }

    private Finding duplicate(WitnessThread t, HeldLocks held, int top, int lock, int site, int flags) {
        WitnessType c = state.typeOf(lock);
        if (LockId.dupok(lock) || (flags & OpFlags.DUPOK) != 0 || c.duplicateReported) {
            return null;
        }
        c.duplicateReported = true;
        String here = state.siteText(site);
        String first = state.recordedSite(held.site(top));
        return state.report(Rule.DUPLICATE_LOCK_TYPE, c.name, Messages.duplicate(c.name, first, here),
                List.of(c.name), List.of(first, here), List.of(state.backtrace()), t);
    }

    /**
     * Adds the order to the pair in the cache's {@code slot}, claimed by this slow path; a new edge
     * may close an interrupt-safety chain ({@link IrqChains}), which is returned.
     */
    private Finding addEdge(WitnessThread t, HeldLocks held, int plock, int slot, int parent, int child, int dep,
            int site) {
        OrderEdge e = state.graph.edgeAt(slot);
        boolean added = e == null;
        if (added) {
            int stack = state.stackStore.full() ? 0 : state.stackStore.intern(state.stacks.capture());
            e = new OrderEdge(parent, child, false, false, state.siteText(site), stack);
            e.established = state.cycleFilters.now(t, held, plock);
        } else {
            state.cycleFilters.seen(e.established, state.cycleFilters.now(t, held, plock));
        }
        state.graph.addEdge(slot, dep, e);
        state.cache.addEdge(slot, dep);
        return added ? state.irqChains.edgeAdded(t, parent, child) : null;
    }

    /** The order cache cannot take the pair {@code parent -> child}: the checker disables itself. */
    private Finding ordersExhausted(int parent, int child) {
        String from = state.classes.byId(parent).name;
        String to = state.classes.byId(child).name;
        return state.exhausted(Messages.ORDER_TABLE, Messages.ordersExhausted(from, to, state.options.orderLimit),
                List.of(from, to));
    }

    private Finding reversal(WitnessThread t, HeldLocks held, int j, boolean isPlock, int lock, long instance,
            int site, int closing, String reason, List<OrderEdge> path) {
        int cls = LockId.classOf(lock);
        int w1 = held.classOf(j);
        String here = state.siteText(site);
        CapturedStack captured = state.stacks.capture();
        int nowId = state.stackStore.intern(captured);
        List<String> now = state.stackStore.get(nowId);
        state.graph.addReversal(w1, cls, new OrderEdge(w1, cls, true, false, here, nowId));
        if (isPlock) {
            state.cache.addReversed(w1, cls, closing);
        }
        long pair = pairKey(w1, cls);
        String heldName = state.classes.byId(w1).name;
        String newName = state.classes.byId(cls).name;
        if (state.reportedPairs.contains(pair) || state.options.config.isBlessed(heldName, newName)) {
            state.reportedPairs.add(pair);
            return null;
        }
        int[] classes = CycleFilters.classes(w1, cls, path);
        List<Establishers> orders = CycleFilters.orders(path, state.cycleFilters.closing(pair, t, held, j));
        Findings.Qualified q = path.isEmpty() ? null : state.cycleFilters.decide(classes, orders);
        StringBuilder msg = new StringBuilder(Messages.lorHeader(reason));
        int older = held.findClass(cls, j);
        int n = 0;
        if (older >= 0) {
            msg.append('\n').append(heldLine(held, older, Messages.ordinal(n++)));
        }
        msg.append('\n').append(heldLine(held, j, Messages.ordinal(n++)));
        msg.append('\n').append(Messages.lorLine(Messages.ordinal(n), instance, newName,
                state.classes.byId(cls).className(), here));

        List<String> cycle = new ArrayList<>(List.of(heldName, newName));
        List<String> siteList = new ArrayList<>(List.of(here, state.recordedSite(held.site(j))));
        List<Backtrace> traces = new ArrayList<>();
        for (OrderEdge e : path) {
            String from = state.classes.byId(e.from).name;
            String to = state.classes.byId(e.to).name;
            if (e.to != w1) {
                cycle.add(to);
            }
            siteList.add(e.siteText);
            Backtrace b = edgeTrace(e, from, to);
            if (b != null) {
                traces.add(b);
            }
        }
        if (state.options.stackDepth > 0) {
            traces.add(new Backtrace(Messages.attempted(heldName, newName), now));
        }
        return state.cycleFilters.report(t, q, pair, classes, orders, String.join("\u0000", new TreeSet<>(cycle)),
                msg.toString(), cycle, siteList, traces);
    }

    /** The key of an unordered class pair. */
    private static long pairKey(int a, int b) {
        return a < b ? OrderEdge.key(a, b) : OrderEdge.key(b, a);
    }

    /**
     * The trace of one order of a reversal: where a declared order was declared, else, unless
     * stacks are off ({@code debug.witness.trace=0}: null), its stored stack or that it is missing.
     */
    private Backtrace edgeTrace(OrderEdge e, String from, String to) {
        if (e.declared) {
            return new Backtrace(Messages.declared(from, to, e.siteText), List.of());
        }
        if (state.options.stackDepth == 0) {
            return null;
        }
        return e.stack == 0
                ? new Backtrace(Messages.missing(from, to), List.of())
                : new Backtrace(Messages.established(from, to), state.stackStore.get(e.stack));
    }

    private String heldLine(HeldLocks held, int i, String ordinal) {
        return heldLine(state, held, i, ordinal);
    }

    /** The {@link Messages#lorLine} of held entry {@code i}. */
    static String heldLine(WitnessState state, HeldLocks held, int i, String ordinal) {
        WitnessType c = state.classes.byId(held.classOf(i));
        return Messages.lorLine(ordinal, held.instance(i), c.name, c.className(), state.recordedSite(held.site(i)));
    }
}
