package org.lockwitness.agent.weave;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;
import org.lockwitness.witness.Witness;

/**
 * Installs the agent's one class-file transformation: probe advice and interrupt windows in the
 * kernel model, call sites in every other class that mentions it, an exit call in the launched
 * {@code main}. An attached agent retransforms the classes already loaded. The one public way into
 * this package.
 *
 * <p>Thread-safety: call {@link #install} once, from the thread that starts the agent; the
 * installed transformation is thread-safe.
 */
public final class Weaving {

    /** System property that logs every transformation and error on stderr. */
    static final String DEBUG_PROPERTY = "lockwitness.debug";
    /**
     * Keeps Byte Buddy off {@code sun.misc.Unsafe} (JDK 24+ warns about it). The shaded jar
     * relocates this name with Byte Buddy, so the host's own Byte Buddy is not affected.
     */
    private static final String BYTE_BUDDY_SAFE = "net.bytebuddy.safe";

    private Weaving() {
    }

    /**
     * Installs the transformation. Call after {@code ProbeRuntime.start}: woven code may run as
     * soon as this returns. Before {@code main} ({@code premain}) nothing is retransformed and Byte
     * Buddy is built only when the first class that mentions the model loads
     * ({@link PremainTransformer}); an attached agent installs Byte Buddy at once and retransforms
     * the loaded classes, as its model may already run.
     *
     * @param inst the instrumentation
     * @param witness the witness, which registers sites at transform time
     * @param settings what the options decide about weaving
     * @param counters where transformations are counted
     * @param attached whether the agent was attached to a running JVM ({@code agentmain})
     */
    public static void install(Instrumentation inst, Witness witness, WeaveSettings settings, Counters counters,
            boolean attached) {
        if (System.getProperty(BYTE_BUDDY_SAFE) == null) {
            System.setProperty(BYTE_BUDDY_SAFE, "true");
        }
        if (attached) {
            builder(witness, settings, counters)
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                    .with(new TransformListener.Retransformation())
                    .with(AgentBuilder.InstallationListener.ErrorSuppressing.INSTANCE)
                    .with(new KernelPrefilter(settings.kernel()))
                    .installOn(inst);
        } else {
            String main = settings.mainClass() == null ? null : settings.mainClass().replace('.', '/');
            inst.addTransformer(new PremainTransformer(main, settings.kernel(),
                    () -> builder(witness, settings, counters).makeRaw(), counters));
        }
    }

    /** Byte Buddy's agent builder with the one transformation, the ignore list and the listener. */
    private static AgentBuilder builder(Witness witness, WeaveSettings settings, Counters counters) {
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(listener(counters))
                .ignore(Ignored.MATCHER)
                .type(ElementMatchers.any())
                .transform(weaver(witness, settings, counters));
    }

    /** The one transformation, as {@link #install} uses it; tests weave single classes with it. */
    static Weaver weaver(Witness witness, WeaveSettings settings, Counters counters) {
        WindowVisitor windows = settings.windows() == Windows.PROBES ? null
                : new WindowVisitor(settings.windows() == Windows.LINES, counters);
        return new Weaver(new ProbeAdvisor(new Requirements(witness)),
                new CallSiteVisitor(witness, new ProbeTargets(), counters), windows, settings, counters);
    }

    private static AgentBuilder.Listener listener(Counters counters) {
        AgentBuilder.Listener listener = new TransformListener(counters);
        if (Boolean.getBoolean(DEBUG_PROPERTY)) {
            listener = new AgentBuilder.Listener.Compound(listener,
                    AgentBuilder.Listener.StreamWriting.toSystemError().withTransformationsOnly());
        }
        return listener;
    }
}
