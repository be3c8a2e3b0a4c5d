package org.lockwitness.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points: {@code -javaagent:lockwitness-agent.jar=key=value,...} calls
 * {@link #premain}, a dynamic attach calls {@link #agentmain}. Both only hand over to
 * {@link Boot}; nothing here throws into the host.
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
}
