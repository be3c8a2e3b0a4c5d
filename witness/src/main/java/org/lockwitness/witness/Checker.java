package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The slow path: everything behind the one checker lock (this object's monitor). It owns the
 * class table, the order graph, the findings and the stack store, and implements
 * {@code witness_checkorder} from step 4 on (kernel-reference §1.4) for acquisitions the
 * {@link OrderMatrix} fast path could not decide.
 *
 * <p>Design: the fast path in {@link Witness} reads only per-thread state, per-CPU state and the
 * matrix; anything that may create an edge, a reversal, a class or a finding comes here and runs
 * with the monitor held, so the graph can never gain a cycle through two racing threads (the race
 * of Guava issue 2048). A stack is captured at most once per new edge, under the lock. Callers
 * must hold the monitor for every method here; the monitor is a plain JDK monitor, which the
 * agent never instruments, so the checker never observes its own lock.
 */
final class Checker {
    final WitnessOptions options;
    final ClassTable classes;
    final OrderMatrix matrix;
    final SiteTable sites;
    final StackCapture stacks;
    final Findings findings;
    final List<WitnessThread> threads = new ArrayList<>();
    private final OrderGraph graph = new OrderGraph();
    private final Set<Long> reportedPairs = new HashSet<>();
    private final List<OrderEdge> declaredEdges = new ArrayList<>();
    private int storedStacks;
    private boolean newFinding;

    Checker(WitnessOptions options, SiteTable sites) {
        this.options = options;
        this.classes = new ClassTable(options.classLimit);
        this.matrix = new OrderMatrix(options.classLimit);
        this.sites = sites;
        this.stacks = new StackCapture(options.frameFilter, options.stackDepth);
        this.findings = new Findings(options);
    }

    /** Creates the classes and edges of the configured orders; false if the class table filled up. */
    boolean seedDeclaredOrders() {
        for (List<String> chain : options.config.orders()) {
            for (int k = 0; k + 1 < chain.size(); k++) {
                LockClass from = classFor(chain.get(k));
                LockClass to = classFor(chain.get(k + 1));
                if (from == null || to == null) {
                    return false;
                }
                OrderEdge e = new OrderEdge(from.id, to.id, false, true, 0, "declared", null);
                graph.addEdge(from.id, to.id, OrderMatrix.DEP_EN, e);
                matrix.addEdge(from.id, to.id, OrderMatrix.DEP_EN);
                declaredEdges.add(e);
            }
        }
        return true;
    }

    /** The class of this name, created without a kind if new; null when the table is full. */
    LockClass classFor(String name) {
        LockClass c = classes.byName(name);
        return c != null ? c : classes.create(name);
    }

    /** Records a finding; returns it if its policy is PANIC. */
    Finding report(Rule rule, String key, String message, List<String> locks, List<String> siteList,
            List<Trace> traces, WitnessThread t) {
        return report(rule, key, message, locks, siteList, traces, t == null ? List.of() : List.of(t.name),
                t == null ? -1 : t.cpu);
    }

    /** Records a finding seen by these threads on this CPU (-1: none); returns it if its policy is PANIC. */
    Finding report(Rule rule, String key, String message, List<String> locks, List<String> siteList,
            List<Trace> traces, List<String> threadNames, int cpu) {
        int before = findings.size();
        Finding panic = findings.record(rule, key, message, locks, siteList, traces, threadNames, cpu);
        if (findings.size() != before) {
            newFinding = true;
        }
        return panic;
    }

    /** Records a finding about one lock at one site, with the current stack. */
    Finding reportLock(Rule rule, String key, String message, int lock, String site, WitnessThread t) {
        return report(rule, key, message, List.of(name(lock)), List.of(site),
                List.of(new Trace("stack backtrace:", stacks.capture())), t);
    }

    /** Whether a finding was created since the last call; clears the flag. */
    boolean takeNewFinding() {
        boolean b = newFinding;
        newFinding = false;
        return b;
    }

    String name(int lock) {
        return classes.byId(lock & Witness.CLASS_MASK).name;
    }

    LockKind kind(int lock) {
        return classes.byId(lock & Witness.CLASS_MASK).kind;
    }

    String className(int lock) {
        return classes.byId(lock & Witness.CLASS_MASK).className();
    }

    /** {@code file:line} of a site id; for 0, the first frame outside the filtered packages. */
    String siteText(int site) {
        String s = sites.location(site);
        return s != null ? s : stacks.site();
    }

    /**
     * Steps 4 to 10 of {@code witness_checkorder} for a blocking acquire of {@code lock} that the
     * fast path did not decide. The kind and context checks were made by the caller.
     */
    Finding checkOrder(WitnessThread t, HeldLocks held, int lock, long instance, int site, int flags,
            long interlock) {
        if (held.depth == 0) {
            return null;
        }
        int cls = lock & Witness.CLASS_MASK;
        int mine = held.holdsClass(cls) ? held.find(instance) : -1;
        if (mine >= 0) {
            return recursion(t, held, mine, lock, site, flags);
        }
        int top = held.depth - 1;
        if (interlock != 0 && held.instance[top] == interlock) {
            top--;
        }
        if (top < 0) {
            return null;
        }
        int parent = held.classOf(top);
        boolean recursiveRead = Witness.recursiveRead(t, lock, flags);
        if (parent == cls) {
            return duplicate(t, held, top, lock, site, flags);
        }
        int dep = OrderMatrix.dep(!held.exclusive(top), recursiveRead);
        matrix.increment(parent, cls);
        if (matrix.covered(parent, cls, dep) || matrix.reversed(parent, cls, dep)) {
            return null;
        }
        boolean sleepable = (lock & Witness.SLEEPABLE_BIT) != 0 && (flags & OpFlags.NOSLEEP) == 0;
        boolean giant = (lock & Witness.GIANT_BIT) != 0;
        for (int j = held.depth - 1; j >= 0; j--) {
            int w1 = held.classOf(j);
            if ((interlock != 0 && held.instance[j] == interlock) || w1 == cls) {
                continue;
            }
            boolean heldSleepable = (held.mode[j] & HeldLocks.SLEEPABLE) != 0;
            if ((giant && heldSleepable) || (sleepable && (held.lock[j] & Witness.GIANT_BIT) != 0)) {
                continue;
            }
            int closing = OrderMatrix.dep(!held.exclusive(j), recursiveRead);
            String reason = null;
            List<OrderEdge> path = List.of();
            if (sleepable && !heldSleepable) {
                reason = "sleepable after non-sleepable";
            } else if (giant && !heldSleepable) {
                reason = "Giant after non-sleepable";
            } else {
                path = graph.strongPath(cls, w1, closing);
                if (path == null) {
                    continue;
                }
            }
            return reversal(t, held, j, j == top, lock, instance, site, closing, reason, path);
        }
        if (!((held.lock[top] & Witness.GIANT_BIT) != 0 && sleepable)) {
            addEdge(parent, cls, dep, site);
        }
        return null;
    }

    private void addEdge(int parent, int child, int dep, int site) {
        OrderEdge e = graph.edge(parent, child);
        if (e == null) {
            List<String> stack = null;
            if (storedStacks < options.stackStoreLimit) {
                storedStacks++;
                stack = stacks.capture();
            }
            e = new OrderEdge(parent, child, false, false, site, siteText(site), stack);
        }
        graph.addEdge(parent, child, dep, e);
        matrix.addEdge(parent, child, dep);
    }

    private Finding reversal(WitnessThread t, HeldLocks held, int j, boolean isPlock, int lock, long instance,
            int site, int closing, String reason, List<OrderEdge> path) {
        int cls = lock & Witness.CLASS_MASK;
        int w1 = held.classOf(j);
        String here = siteText(site);
        List<String> now = stacks.capture();
        graph.addReversal(w1, cls, closing, new OrderEdge(w1, cls, true, false, site, here, now));
        if (isPlock) {
            matrix.addReversed(w1, cls, closing);
        }
        long pair = w1 < cls ? OrderEdge.key(w1, cls) : OrderEdge.key(cls, w1);
        String heldName = classes.byId(w1).name;
        String newName = classes.byId(cls).name;
        if (!reportedPairs.add(pair) || options.config.isBlessed(heldName, newName)) {
            return null;
        }
        StringBuilder msg = new StringBuilder(Messages.lorHeader(reason));
        int older = held.findClass(cls, j);
        String[] ordinals = older >= 0 ? new String[] {"1st", "2nd", "3rd"} : new String[] {"1st", "2nd"};
        int n = 0;
        if (older >= 0) {
            msg.append('\n').append(heldLine(held, older, ordinals[n++]));
        }
        msg.append('\n').append(heldLine(held, j, ordinals[n++]));
        msg.append('\n').append(Messages.lorLine(ordinals[n], instance, newName, classes.byId(cls).className(), here));

        List<String> cycle = new ArrayList<>(List.of(heldName, newName));
        List<String> siteList = new ArrayList<>(List.of(here, recordedSite(held.site[j])));
        List<Trace> traces = new ArrayList<>();
        for (OrderEdge e : path) {
            String from = classes.byId(e.from).name;
            String to = classes.byId(e.to).name;
            if (e.to != w1) {
                cycle.add(to);
            }
            siteList.add(e.siteText);
            traces.add(e.stack == null
                    ? new Trace(Messages.missing(from, to), List.of())
                    : new Trace(Messages.established(from, to), e.stack));
        }
        traces.add(new Trace(Messages.attempted(heldName, newName), now));
        return report(Rule.LOCK_ORDER_REVERSAL, String.join("\u0000", new TreeSet<>(cycle)), msg.toString(),
                cycle, siteList, traces, t);
    }

    private String heldLine(HeldLocks held, int i, String ordinal) {
        LockClass c = classes.byId(held.classOf(i));
        return Messages.lorLine(ordinal, held.instance[i], c.name, c.className(), recordedSite(held.site[i]));
    }

    String recordedSite(int site) {
        String s = sites.location(site);
        return s != null ? s : SiteTable.UNKNOWN;
    }

    private Finding duplicate(WitnessThread t, HeldLocks held, int top, int lock, int site, int flags) {
        LockClass c = classes.byId(lock & Witness.CLASS_MASK);
        if ((lock & Witness.DUPOK_BIT) != 0 || (flags & OpFlags.DUPOK) != 0 || c.duplicateReported) {
            return null;
        }
        c.duplicateReported = true;
        String here = siteText(site);
        String first = recordedSite(held.site[top]);
        return report(Rule.DUPLICATE_LOCK_TYPE, c.name, Messages.duplicate(c.name, first, here), List.of(c.name),
                List.of(first, here), List.of(new Trace("stack backtrace:", stacks.capture())), t);
    }

    /** Step 4: the instance is already held by this thread or CPU. */
    Finding recursion(WitnessThread t, HeldLocks held, int i, int lock, int site, int flags) {
        boolean heldExclusive = held.exclusive(i);
        boolean shared = (flags & OpFlags.SHARED) != 0;
        String here = siteText(site);
        String name = name(lock);
        String message;
        if (heldExclusive && shared) {
            message = "shared lock of (" + className(lock) + ") " + name + " @ " + here
                    + "\nwhile exclusively locked from " + recordedSite(held.site[i]);
        } else if (!heldExclusive && !shared) {
            message = "exclusive lock of (" + className(lock) + ") " + name + " @ " + here
                    + "\nwhile share locked from " + recordedSite(held.site[i]);
        } else if (heldExclusive && (lock & Witness.RECURSE_BIT) == 0) {
            message = Messages.recursed(kind(lock), name, here);
        } else {
            return null;
        }
        return reportLock(Rule.RECURSION, name + '\u0000' + here, message, lock, here, t);
    }

    /** A consistent copy of what the reports show. */
    ReportSnapshot snapshot(RunInfo run) {
        List<ReportSnapshot.LockClassInfo> classInfo = new ArrayList<>();
        for (LockClass c : classes.all()) {
            classInfo.add(new ReportSnapshot.LockClassInfo(c.name, c.className(), c.flags, c.refs));
        }
        List<ReportSnapshot.EdgeInfo> edges = new ArrayList<>();
        for (OrderEdge e : graph.edges()) {
            edges.add(edgeInfo(e));
        }
        for (OrderEdge e : graph.reversals()) {
            edges.add(edgeInfo(e));
        }
        return new ReportSnapshot(run.snapshot(), classInfo, edges, findings.snapshot());
    }

    private ReportSnapshot.EdgeInfo edgeInfo(OrderEdge e) {
        return new ReportSnapshot.EdgeInfo(classes.byId(e.from).name, classes.byId(e.to).name,
                matrix.count(e.from, e.to), e.siteText, e.stack, e.reversal, e.declared);
    }

    /** Forgets orders, reversals, findings and stored stacks; keeps classes and declared orders. */
    void reset() {
        graph.clear();
        matrix.clear();
        reportedPairs.clear();
        findings.clear();
        storedStacks = 0;
        newFinding = false;
        for (LockClass c : classes.all()) {
            c.usedInInterrupt = false;
            c.heldWithInterrupts = false;
            c.duplicateReported = false;
        }
        for (OrderEdge e : declaredEdges) {
            graph.addEdge(e.from, e.to, OrderMatrix.DEP_EN, e);
            matrix.addEdge(e.from, e.to, OrderMatrix.DEP_EN);
        }
        for (WitnessThread t : threads) {
            t.sleepLocks.clear();
            t.sxShared = 0;
            t.rwShared = 0;
            t.rendezvousDepth = 0;
        }
    }
}
