package org.lockwitness.agent.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.lockwitness.witness.Finding;
import org.lockwitness.witness.Witness;

/**
 * Which test is running, for the witness's attribution of each new finding, and which findings
 * first appeared during a test, for {@link LockwitnessApi}. Public for {@code Boot}, which creates
 * it before the witness (whose attribution supplier it is) and installs it after; not an API.
 *
 * <h2>Attribution</h2>
 * A test framework says when a test starts and finishes, on the thread that runs it. A new finding
 * is attributed, on the thread that reported it, to:
 * <ol>
 *   <li>the test of that thread: the one started on it, or, for a thread created while a test ran
 *       on its creator (the machine's CPU threads, an executor the test built), the creator's test,
 *       inherited through an {@link InheritableThreadLocal}, as long as that test still runs;</li>
 *   <li>else, when exactly one test runs in the JVM, that one (a thread pool built before the test,
 *       a daemon left by an earlier test);</li>
 *   <li>else {@code unknown (N tests running)} with N the tests running then (parallel execution,
 *       with the finding on a thread that belongs to none of them), or nothing when none runs.</li>
 * </ol>
 * Under parallel test execution (JUnit's {@code junit.jupiter.execution.parallel.enabled}), rule 1
 * holds for every test whose threads are its own or its children; rule 2 cannot help, and a
 * finding on a shared thread is named unknown rather than charged to a test by chance. A pooled
 * thread reused by a later test keeps no stale test: an inherited test that finished no longer
 * counts, and a test's own thread forgets it when it finishes.
 *
 * <h2>Design</h2>
 * The attribution runs under the witness's checker lock, once per new finding, so it takes no lock:
 * the per-thread test is a thread-local read, the running tests a {@link ConcurrentHashMap} whose
 * reads never block, and a test's end is a volatile flag on its record, so a thread that inherited
 * it sees the end without any list of children. A race between a test's end and a finding on
 * another thread can only move that finding between rules 1 to 3, never name a test that had not
 * started. The findings already handed to a test are remembered by key, so a finding is handed to
 * one test at most, even when a test is run again under the same id.
 *
 * <p>Thread-safety: every method is thread-safe.
 */
public final class TestRegistry implements Supplier<String> {

    private static volatile TestRegistry installed;

    private final InheritableThreadLocal<RunningTest> current = new InheritableThreadLocal<>();
    private final Map<String, RunningTest> running = new ConcurrentHashMap<>();
    /** Label to test id: a second test under one label gets its id added. */
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final Set<String> handedOut = ConcurrentHashMap.newKeySet();
    private final boolean failRulesGiven;
    private volatile Witness witness;

    /**
     * A registry for a JVM whose agent was given {@code fail=} or not.
     *
     * @param failRulesGiven whether the agent options named the failing rules
     */
    public TestRegistry(boolean failRulesGiven) {
        this.failRulesGiven = failRulesGiven;
    }

    /** Publishes this registry, with the witness it attributes for, to {@link LockwitnessApi}. */
    public void install(Witness w) {
        this.witness = w;
        installed = this;
    }

    /** The installed registry, or null when no agent started. */
    static TestRegistry installed() {
        return installed;
    }

    boolean failRulesGiven() {
        return failRulesGiven;
    }

    /** The witness's attribution: the name of the test a new finding belongs to, or null. */
    @Override
    public String get() {
        RunningTest mine = current.get();
        if (mine != null && mine.running) {
            return mine.label;
        }
        int n = running.size();
        if (n == 1) {
            Iterator<RunningTest> it = running.values().iterator();
            return it.hasNext() ? it.next().label : null;
        }
        return n == 0 ? null : "unknown (" + n + " tests running)";
    }

    /** A test starts on this thread. */
    void started(String id, String name) {
        String owner = labels.putIfAbsent(name, id);
        String label = owner == null || owner.equals(id) ? name : name + " [" + id + "]";
        RunningTest t = new RunningTest(label);
        RunningTest before = running.put(id, t);
        if (before != null) {
            before.running = false;
        }
        current.set(t);
    }

    /**
     * The test ends: the findings first seen while it ran (attributed to it), each handed out once.
     *
     * @return one map per finding with {@link LockwitnessApi#testFinished}'s keys
     */
    List<Map<String, String>> finished(String id) {
        RunningTest t = running.remove(id);
        if (t == null) {
            return List.of();
        }
        t.running = false;
        if (current.get() == t) {
            current.remove();
        }
        Witness w = witness;
        List<Map<String, String>> out = new ArrayList<>();
        for (Finding f : w == null ? List.<Finding>of() : w.findings()) {
            String key = w.key(f).text();
            if (t.label.equals(f.test()) && handedOut.add(key)) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("rule", f.rule().name());
                m.put("key", key);
                m.put("policy", f.policy().name());
                m.put("message", f.message());
                m.put("site", f.sites().isEmpty() ? "" : f.sites().get(0));
                m.put("test", f.test());
                m.put("qualifier", f.qualifier() == null ? "" : f.qualifier().label());
                out.add(Collections.unmodifiableMap(m));
            }
        }
        return List.copyOf(out);
    }

    /** The witness, for recording a fault of this API. */
    Witness witness() {
        return witness;
    }

    /** One test, running until its end is published through {@link #running}. */
    private static final class RunningTest {
        final String label;
        volatile boolean running = true;

        RunningTest(String label) {
            this.label = label;
        }
    }
}
