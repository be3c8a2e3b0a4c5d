package org.lockwitness.agent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The agent's entry points: {@code -javaagent:lockwitness-agent.jar=key=value,...} calls
 * {@link #premain}, a dynamic attach calls {@link #agentmain}. Both only hand over to
 * {@link Boot}; nothing here throws into the host.
 *
 * <p>Public because the JVM calls it: the manifest names it as {@code Premain-Class} and
 * {@code Agent-Class}.
 *
 * <p>Thread-safety: the JVM calls these once per load; a second load is refused by {@link Boot}.
 */
public final class LockwitnessAgent {

    private LockwitnessAgent() {
    }

    /**
     * Starts the agent before {@code main}. A bad option stops the JVM with status 2.
     *
     * @param args the agent options
     * @param inst the instrumentation
     */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /**
     * Starts the agent in a running JVM (dynamic attach). A bad option is reported and ignored.
     *
     * @param args the agent options
     * @param inst the instrumentation
     */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        try {
            Boot.start(args, inst, attached);
        } catch (Throwable t) {
            try {
                System.err.println("lockwitness: agent failed to start, the program runs unchecked: " + t);
            } catch (Throwable ignored) {
                // nothing left to tell the user with
            }
        }
    }

    /** @return the absolute path of the jar this class was loaded from, or empty when not from a jar */
    static Optional<Path> jar() {
        try {
            CodeSource source = LockwitnessAgent.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI()).toAbsolutePath();
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
