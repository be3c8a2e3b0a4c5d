package org.lockwitness.junit5;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The extension's link to the agent's {@code org.lockwitness.agent.api.LockwitnessApi}, found once
 * per JVM by name on the system class loader (where {@code -javaagent} puts the agent jar) and
 * called through method handles, so the extension compiles and runs without the agent and never
 * sees a class of it: only {@code String}, {@code List} and {@code Map} cross. Without the agent
 * (or with an agent API of another major version) the link is absent and says why once.
 *
 * <p>Thread-safety: immutable after creation; {@link #sayOnce} prints at most once per JVM.
 */
final class AgentLink {

    static final String API = "org.lockwitness.agent.api.LockwitnessApi";
    static final int API_VERSION = 1;

    private static final AgentLink INSTANCE = find(ClassLoader.getSystemClassLoader());
    private static final AtomicBoolean SAID = new AtomicBoolean();

    private final MethodHandle started;
    private final MethodHandle finished;
    private final boolean failRulesGiven;
    /** Why there is no agent, or null when there is one. */
    private final String absence;

    private AgentLink(MethodHandle started, MethodHandle finished, boolean failRulesGiven, String absence) {
        this.started = started;
        this.finished = finished;
        this.failRulesGiven = failRulesGiven;
        this.absence = absence;
    }

    /** The link of this JVM. */
    static AgentLink get() {
        return INSTANCE;
    }

    /** Looks the API up in {@code loader}. */
    static AgentLink find(ClassLoader loader) {
        Class<?> api;
        try {
            api = Class.forName(API, true, loader);
        } catch (ClassNotFoundException e) {
            return absent("the lockwitness agent is not running in this JVM (no -javaagent:lockwitness-agent.jar)");
        } catch (LinkageError e) {
            return absent("the lockwitness agent's API cannot be loaded: " + e);
        }
        try {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            int version = (int) l.findStatic(api, "version", MethodType.methodType(int.class)).invoke();
            if (version != API_VERSION) {
                return absent("the lockwitness agent's API is version " + version + ", this extension speaks "
                        + API_VERSION);
            }
            if (!(boolean) l.findStatic(api, "active", MethodType.methodType(boolean.class)).invoke()) {
                return absent("the lockwitness agent jar is on the class path but the agent did not start"
                        + " (no -javaagent)");
            }
            boolean failGiven = (boolean) l.findStatic(api, "failRulesGiven", MethodType.methodType(boolean.class))
                    .invoke();
            return new AgentLink(
                    l.findStatic(api, "testStarted", MethodType.methodType(void.class, String.class, String.class)),
                    l.findStatic(api, "testFinished", MethodType.methodType(List.class, String.class)),
                    failGiven, null);
        } catch (Throwable e) {
            return absent("cannot reach the lockwitness agent's API: " + e);
        }
    }

    private static AgentLink absent(String why) {
        return new AgentLink(null, null, false, why);
    }

    /** Whether the agent runs in this JVM. */
    boolean present() {
        return absence == null;
    }

    /** Whether the agent was given {@code fail=}. */
    boolean failRulesGiven() {
        return failRulesGiven;
    }

    /** Prints, once per JVM, the one line saying that there is no agent and nothing is checked. */
    void sayOnce(PrintStream err) {
        if (!present() && SAID.compareAndSet(false, true)) {
            err.println("lockwitness: " + absence + "; LockwitnessExtension checks nothing");
        }
    }

    /** A test starts on this thread. */
    void started(String uniqueId, String name) throws Throwable {
        started.invoke(uniqueId, name);
    }

    /** The test ended: the findings that first appeared while it ran, as string maps. */
    List<Map<String, String>> finished(String uniqueId) throws Throwable {
        List<Map<String, String>> out = new ArrayList<>();
        for (Object o : (List<?>) finished.invoke(uniqueId)) {
            Map<String, String> m = new LinkedHashMap<>();
            ((Map<?, ?>) o).forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
            out.add(m);
        }
        return out;
    }
}
