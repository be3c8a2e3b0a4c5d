package org.lockwitness.agent.api;

import java.util.List;
import java.util.Map;

/**
 * The agent's API for test frameworks (the JUnit 5 extension {@code lockwitness-junit5}), as
 * JaCoCo's {@code org.jacoco.agent.rt.RT} is its agent's: a caller finds this class by name on the
 * system class loader ({@code -javaagent} puts the agent jar there) and calls its static methods by
 * reflection, so it needs no compile-time dependency on the agent, and it sees only JDK types: no
 * shaded class (ASM, Gson, JGraphT, the witness) crosses this API.
 *
 * <p>Stability: within {@link #VERSION} 1, methods are only added; the finding maps only gain keys.
 *
 * <p>How a finding is attributed to a test (the test's own thread and the threads it started,
 * else the only test running, else {@code unknown (N tests running)}) is written at
 * {@link TestRegistry}; the finding's test is {@code witness.json}'s {@code findings[].test}.
 *
 * <p>Thread-safety: every method is thread-safe, may be called from any thread, and never throws:
 * a fault of the agent becomes a {@code CHECKER_FAULT} finding.
 */
public final class LockwitnessApi {

    /** The version of this API. */
    public static final int VERSION = 1;

    private LockwitnessApi() {
    }

    /** @return {@link #VERSION} */
    public static int version() {
        return VERSION;
    }

    /** @return whether the agent started in this JVM (false when only its jar is on the class path) */
    public static boolean active() {
        return TestRegistry.installed() != null;
    }

    /**
     * @return whether the agent was given {@code fail=}: then the failing rules are those findings
     *     whose {@code policy} is not {@code WARN}
     */
    public static boolean failRulesGiven() {
        TestRegistry r = TestRegistry.installed();
        return r != null && r.failRulesGiven();
    }

    /**
     * A test starts on the calling thread; findings on this thread and on threads it creates from
     * now on are attributed to it.
     *
     * @param uniqueId the test's unique id in its framework
     * @param name the test's name as reports show it, e.g. {@code com.example.FooTest.bar()}
     */
    public static void testStarted(String uniqueId, String name) {
        TestRegistry r = TestRegistry.installed();
        if (r != null && uniqueId != null && name != null) {
            try {
                r.started(uniqueId, name);
            } catch (RuntimeException e) {
                r.witness().fault(e, "LockwitnessApi.testStarted");
            }
        }
    }

    /**
     * The test ends. Call on any thread after everything the test started has reported.
     *
     * @param uniqueId the id given to {@link #testStarted}
     * @return the findings that first appeared while the test ran and were attributed to it, each
     *     returned once in the JVM, oldest first; each an unmodifiable map with the keys
     *     {@code rule}, {@code key} (the stable finding key), {@code policy} ({@code WARN},
     *     {@code FAIL} or {@code PANIC}), {@code message} (FreeBSD's text, may span lines),
     *     {@code site} ({@code File.java:line}, or empty), {@code test} (the name reports show) and
     *     {@code qualifier} (the cycle filter that lets a reversal pass, e.g. {@code single-thread},
     *     or empty); empty without the agent
     */
    public static List<Map<String, String>> testFinished(String uniqueId) {
        TestRegistry r = TestRegistry.installed();
        if (r == null || uniqueId == null) {
            return List.of();
        }
        try {
            return r.finished(uniqueId);
        } catch (RuntimeException e) {
            r.witness().fault(e, "LockwitnessApi.testFinished");
            return List.of();
        }
    }
}
