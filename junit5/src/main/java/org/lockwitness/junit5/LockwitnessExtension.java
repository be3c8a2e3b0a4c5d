package org.lockwitness.junit5;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which a new lockwitness finding appeared, with the finding's rule, key,
 * site and text, so the test report names the guilty test; {@code witness.json} names the test of
 * each finding ({@code findings[].test}). Register with {@code @ExtendWith(LockwitnessExtension.class)}
 * or, for every test class, with JUnit's {@code junit.jupiter.extensions.autodetection.enabled=true}
 * (this jar lists the extension in {@code META-INF/services}).
 *
 * <p>A test is told to the agent before its {@code @BeforeEach} methods and asked for its findings
 * after its {@code @AfterEach} methods, so what they do counts too. Which findings fail a test:
 * {@link FailPolicy} (the configuration parameter {@value #FAIL_PARAMETER}, else the agent's
 * {@code fail=} rules when given, else every finding). The others are published as report entries.
 * How a finding is attributed to a test — its own thread and the threads it started, else the only
 * test running, else {@code unknown (N tests running)} under parallel execution, which fails no
 * test — is the agent's ({@code org.lockwitness.agent.api.TestRegistry}).
 *
 * <p>Without the agent ({@code -javaagent:lockwitness-agent.jar}) it does nothing and says so in
 * one line on stderr, once per JVM.
 *
 * <p>Thread-safety: stateless; safe under parallel test execution.
 */
public final class LockwitnessExtension implements BeforeEachCallback, AfterEachCallback {

    /** The JUnit configuration parameter naming the rules that fail a test: all, none or RULE+RULE. */
    public static final String FAIL_PARAMETER = "lockwitness.fail";

    /** Created by JUnit. */
    public LockwitnessExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        AgentLink agent = AgentLink.get();
        if (!agent.present()) {
            agent.sayOnce(System.err);
            return;
        }
        call(() -> agent.started(context.getUniqueId(), name(context)));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        AgentLink agent = AgentLink.get();
        if (!agent.present()) {
            return;
        }
        FailPolicy policy;
        try {
            policy = FailPolicy.of(context.getConfigurationParameter(FAIL_PARAMETER), agent.failRulesGiven());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        List<Map<String, String>> found = new ArrayList<>();
        call(() -> found.addAll(agent.finished(context.getUniqueId())));
        List<Map<String, String>> failing = new ArrayList<>();
        for (Map<String, String> f : found) {
            if (policy.fails(f)) {
                failing.add(f);
            } else {
                context.publishReportEntry("lockwitness", headline(f));
            }
        }
        if (!failing.isEmpty()) {
            throw new AssertionError(message(failing));
        }
    }

    /** The test's name in reports: class, method and parameter types, and an invocation's display name. */
    static String name(ExtensionContext context) {
        String cls = context.getRequiredTestClass().getName();
        Method m = context.getTestMethod().orElse(null);
        if (m == null) {
            return cls + " " + context.getDisplayName();
        }
        String signature = m.getName() + Stream.of(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
        String display = context.getDisplayName();
        return cls + "." + signature + (display.equals(signature) ? "" : " " + display);
    }

    private static String headline(Map<String, String> f) {
        String site = f.getOrDefault("site", "");
        return f.get("rule") + " " + f.get("key") + (site.isEmpty() ? "" : " @ " + site);
    }

    private static String message(List<Map<String, String>> failing) {
        StringBuilder b = new StringBuilder("lockwitness: ").append(failing.size())
                .append(failing.size() == 1 ? " new finding" : " new findings").append(" during ")
                .append(failing.get(0).get("test"));
        for (Map<String, String> f : failing) {
            b.append("\n").append(headline(f)).append("\n").append(f.get("message"));
        }
        return b.toString();
    }

    private static void call(AgentCall c) throws Exception {
        try {
            c.run();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("lockwitness agent API call failed", t);
        }
    }

    /** A call through the agent link. */
    @FunctionalInterface
    private interface AgentCall {
        void run() throws Throwable;
    }
}
