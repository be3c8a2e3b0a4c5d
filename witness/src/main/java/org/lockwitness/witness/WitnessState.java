package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lockwitness.witness.report.ReportSnapshot;

/**
 * Everything behind the one checker lock, FreeBSD's {@code w_mtx} (lockdep's graph lock): the
 * witness types, the order graph and its {@link OrderCache}, the findings, the machine runs, the stack store,
 * the thread and CPU registries and the per-run sets. The rule families read and change it; this
 * class only records findings, names locks and sites, and takes snapshots and resets.
 *
 * <h2>Design</h2>
 * The fast path of every event reads only per-thread state, per-CPU state, the order cache and
 * {@link #disabled}; anything that may create an edge, a reversal, a type or a finding runs with
 * this object's monitor held (through {@link Dispatch#run}), so the graph can never gain a cycle
 * through two racing threads (the race of Guava issue 2048). A stack is captured at most once per
 * new edge, under the lock, and only while the {@link StackStore} has room. Every table grows with
 * what is used; the class table and the order cache have limits, and filling either disables the
 * checker ({@link #exhausted}); a full stack store only drops stacks. The monitor is a plain JDK monitor, which the agent never instruments,
 * so the checker never observes its own lock.
 *
 * <h2>Thread-safety</h2>
 * Callers hold the monitor for every method and field here, except: the {@code synchronized}
 * methods, which take it; {@link #disabled}, volatile; {@link #sites}, {@link #stacks} and
 * {@link #run}, thread-safe on their own; {@link #cpus}, whose lookup is lock-free; and the
 * cache's lock-free reads ({@link OrderCache#knownAndCount}).
 */
final class WitnessState {
    final WitnessOptions options;
    final ClassTable classes;
    final OrderCache cache;
    /** lockdep's interrupt safety along order chains; under the checker lock. */
    final IrqChains irqChains = new IrqChains(this);
    final OrderGraph graph;
    final SiteTable sites = new SiteTable();
    final StackCapture stacks;
    final StackStore stackStore;
    final Findings findings;
    final RunHeader run = new RunHeader();
    /** The machine runs: the one in progress, the notable ones, counts per outcome. */
    final RunLog runs = new RunLog();
    final CpuTable cpus;
    final List<WitnessThread> threads = new ArrayList<>();
    /** Class pairs whose reversal was reported ({@code w_rmatrix}'s WITNESS_REVERSAL bit). */
    final Set<Long> reportedPairs = new HashSet<>();
    /** The instance orders of Java locks of one class ({@link LockKind#isJava()}). */
    final InstanceOrders instanceOrders = new InstanceOrders();
    /** The happens-before of Java threads' starts and joins, for {@link CycleFilter#START_JOIN}. */
    final StartJoin startJoin = new StartJoin();
    /** The cycle filters of Java locks and the cycles of their qualified findings. */
    final CycleFilters cycleFilters;
    /** The configured orders, put back after a reset. */
    final List<OrderEdge> declaredEdges = new ArrayList<>();
    /** Set once a table filled up ({@code witness_watch = -1}): every event is a no-op. */
    volatile boolean disabled;
    private boolean newFinding;
    /** The most thread handles registered at once. */
    private int maxThreads;

    WitnessState(WitnessOptions options) {
        this.options = options;
        this.classes = new ClassTable(options.classLimit);
        this.cache = new OrderCache(options.orderLimit);
        this.graph = new OrderGraph(cache);
        this.stacks = new StackCapture(options.frameFilter, options.stackFilter, options.stackDepth, options.boundaries);
        this.stackStore = new StackStore(options.stackStoreLimit);
        this.findings = new Findings(options);
        this.cpus = new CpuTable(this);
        this.cycleFilters = new CycleFilters(this);
    }

    /** The type of this name, created without a kind if new; null when the table is full. */
    WitnessType typeFor(String name) {
        WitnessType c = classes.byName(name);
        return c != null ? c : classes.create(name);
    }

    /** The kind ({@link LockKind#className()}) of the class of this name, or null when there is none. */
    String kindOf(String name) {
        WitnessType c = classes.byName(name);
        return c == null ? null : c.className();
    }

    WitnessType typeOf(int lock) {
        return classes.byId(LockId.classOf(lock));
    }

    String name(int lock) {
        return typeOf(lock).name;
    }

    LockKind kind(int lock) {
        return typeOf(lock).kind;
    }

    String className(int lock) {
        return typeOf(lock).className();
    }

    /** {@code file:line} of a site id; for 0, the first frame outside the filtered packages. */
    String siteText(int site) {
        String s = sites.location(site);
        return s != null ? s : stacks.site();
    }

    /** {@code file:line} of a site recorded with a held lock; {@code unknown:0} for 0. */
    String recordedSite(int site) {
        String s = sites.location(site);
        return s != null ? s : SiteTable.UNKNOWN;
    }

    /** The current stack under {@link Messages#STACK_BACKTRACE}. */
    Backtrace backtrace() {
        return new Backtrace(Messages.STACK_BACKTRACE, stacks.capture().lines());
    }

    /** Records a finding seen by {@code t} (null: none) on its CPU; returns it if its policy is PANIC. */
    Finding report(Rule rule, String key, String message, List<String> locks, List<String> siteList,
            List<Backtrace> traces, WitnessThread t) {
        if (t != null) {
            t.lastFinding = Findings.key(rule, key);
            t.lastFindingSite = siteList.isEmpty() ? null : siteList.get(0);
        }
        return report(rule, key, message, locks, siteList, traces, t == null ? List.of() : List.of(t.name),
                t == null || t.java ? -1 : t.cpu());
    }

    /**
     * {@link #report(Rule, String, String, List, List, List, WitnessThread)} of an occurrence a cycle
     * filter explains ({@code qualified}; null: none), recorded with the policy WARN.
     */
    Finding report(Rule rule, String key, String message, List<String> locks, List<String> siteList,
            List<Backtrace> traces, WitnessThread t, Findings.Qualified qualified) {
        t.lastFinding = Findings.key(rule, key);
        t.lastFindingSite = siteList.isEmpty() ? null : siteList.get(0);
        int before = findings.size();
        MachineRun current = runs.current();
        Finding panic = findings.record(rule, key, message, locks, siteList, traces, List.of(t.name),
                t.java ? -1 : t.cpu(), current == null ? null : current.ref, qualified);
        counted(before, current);
        return panic;
    }

    /** The finding under {@code fullKey} lost its qualifier: it gets its rule's policy and the reports are rewritten. */
    void unqualify(String fullKey) {
        findings.unqualify(fullKey);
        newFinding = true;
    }

    /**
     * Records a finding seen by these threads on this CPU (-1: none) in the machine run in progress;
     * returns it if its policy is PANIC.
     */
    Finding report(Rule rule, String key, String message, List<String> locks, List<String> siteList,
            List<Backtrace> traces, List<String> threadNames, int cpu) {
        int before = findings.size();
        MachineRun current = runs.current();
        Finding panic = findings.record(rule, key, message, locks, siteList, traces, threadNames, cpu,
                current == null ? null : current.ref);
        counted(before, current);
        return panic;
    }

    /** {@link #report} of a finding seen on several CPUs (a deadlock's waiters). */
    Finding report(Rule rule, String key, String message, List<String> locks, List<String> siteList,
            List<Backtrace> traces, List<String> threadNames, List<Integer> cpus) {
        int before = findings.size();
        MachineRun current = runs.current();
        Finding panic = findings.record(rule, key, message, locks, siteList, traces, threadNames, cpus,
                current == null ? null : current.ref);
        counted(before, current);
        return panic;
    }

    private void counted(int before, MachineRun current) {
        if (current != null) {
            current.findings++;
        }
        if (findings.size() != before) {
            newFinding = true;
        }
    }

    /**
     * Disables the checker and reports the table that filled ({@link Rule#CHECKER_EXHAUSTED}, as
     * WITNESS does when it runs out of {@code struct witness}, lockdep's {@code debug_locks_off}).
     */
    Finding exhausted(String table, String message, List<String> locks) {
        disabled = true;
        return report(Rule.CHECKER_EXHAUSTED, table, message, locks, List.of(), List.of(backtrace()), null);
    }

    /** Records a finding about one lock at one site, with the current stack. */
    Finding reportLock(Rule rule, String key, String message, int lock, String site, WitnessThread t) {
        return report(rule, key, message, List.of(name(lock)), List.of(site), List.of(backtrace()), t);
    }

    /** Whether a finding was created since the last call; clears the flag. */
    boolean takeNewFinding() {
        boolean b = newFinding;
        newFinding = false;
        return b;
    }

    /** Adds a declared order ({@code order_lists}); false if the order cache is full. */
    boolean addDeclared(OrderEdge e) {
        int slot = cache.claim(e.from, e.to);
        if (slot < 0) {
            return false;
        }
        graph.addEdge(slot, Deps.EN, e);
        cache.addEdge(slot, Deps.EN);
        return true;
    }

    /** The handle of the current machine run's thread of this name registered last, or null. */
    WitnessThread threadNamed(String name) {
        for (int i = threads.size() - 1; i >= 0; i--) {
            if (threads.get(i).name.equals(name)) {
                return threads.get(i);
            }
        }
        return null;
    }

    /** Registers a thread handle and returns it. */
    synchronized WitnessThread addThread(WitnessThread t) {
        t.run = t.java ? 0 : runs.currentIndex();
        threads.add(t);
        maxThreads = Math.max(maxThreads, threads.size());
        return t;
    }

    /**
     * Machine run {@code run} ended and none of its kernel threads runs any more: drops their
     * handles (idle threads, ithreads and other daemons end without a thread-exit event) and the
     * spin locks it left held on its CPUs, which the next machine's CPUs of the same numbers must
     * not inherit. Caller holds the lock.
     */
    void dropRun(long run) {
        for (WitnessThread t : threads) {
            if (t.run == run) {
                cache.flush(t);
            }
        }
        threads.removeIf(t -> t.run == run);
        cpus.clearSpinLocks();
    }

    synchronized List<Finding> findings() {
        return findings.snapshot();
    }

    synchronized boolean failed() {
        return findings.failed();
    }

    /** A consistent copy of what the reports show. */
    synchronized ReportSnapshot snapshot() {
        List<ReportSnapshot.TypeInfo> types = new ArrayList<>();
        for (WitnessType c : classes.all()) {
            types.add(new ReportSnapshot.TypeInfo(c.name, c.className(), c.flags, c.refs));
        }
        List<ReportSnapshot.EdgeInfo> edges = new ArrayList<>();
        Map<Long, Integer> pending = OrderCache.pending(threads);
        for (OrderEdge e : graph.edges()) {
            edges.add(edgeInfo(e, pending));
        }
        for (OrderEdge e : graph.reversals()) {
            edges.add(edgeInfo(e, pending));
        }
        List<Finding> all = findings.snapshot();
        return new ReportSnapshot(runs.header(run.snapshot(), all), types, edges, all,
                runs.snapshot(threads.size(), maxThreads));
    }

    private ReportSnapshot.EdgeInfo edgeInfo(OrderEdge e, Map<Long, Integer> pending) {
        int count = cache.count(e.from, e.to) + pending.getOrDefault(OrderCache.pairKey(e.from, e.to), 0);
        return new ReportSnapshot.EdgeInfo(classes.byId(e.from).name, classes.byId(e.to).name,
                count, e.siteText, stackStore.get(e.stack), e.reversal, e.declared);
    }

    /**
     * Forgets orders, reversals, findings, stored stacks and held locks; keeps types, declared
     * orders, sites and thread handles ({@link Witness#reset()}).
     */
    synchronized void reset() {
        graph.clear();
        irqChains.clear();
        cache.clear();
        stackStore.clear();
        reportedPairs.clear();
        instanceOrders.clear();
        cycleFilters.clear();
        findings.clear();
        newFinding = false;
        for (WitnessType c : classes.all()) {
            c.usedInInterrupt = false;
            c.heldWithInterrupts = false;
            c.duplicateReported = false;
            c.writeSeen = false;
        }
        for (OrderEdge e : declaredEdges) {
            addDeclared(e);
        }
        for (WitnessThread t : threads) {
            t.sleepLocks().clear();
            t.sxShared = 0;
            t.rwShared = 0;
            t.rendezvousDepth = 0;
            t.knownOrder = 0;
            t.knownOrderCount = 0;
            if (t.seenOrders != null) {
                t.seenOrders.clear();
            }
        }
        cpus.clearSpinLocks();
    }
}
