package org.lockwitness.agent.weave;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
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

    /** System property that logs every transformation on stderr. */
    static final String DEBUG_PROPERTY = "lockwitness.debug";
    /** Classes retransformed per call when the agent is attached; a failing batch is reported and skipped. */
    private static final int BATCH = 100;

    private Weaving() {
    }

    /**
     * Installs the transformation. Call after {@code ProbeRuntime.start}: woven code may run as
     * soon as this returns. Before {@code main} ({@code premain}) nothing is retransformed and the
     * weaving is built only when the first class that mentions the model loads
     * ({@link PremainTransformer}); an attached agent installs it at once and retransforms the
     * loaded classes, as its model may already run.
     *
     * @param inst the instrumentation
     * @param witness the witness, which registers sites at transform time
     * @param settings what the options decide about weaving
     * @param counters where transformations are counted
     * @param attached whether the agent was attached to a running JVM ({@code agentmain})
     */
    public static void install(Instrumentation inst, Witness witness, WeaveSettings settings, Counters counters,
            boolean attached) {
        // the transformers' first test, loaded now: loaded inside a transformation, its own load would
        // re-enter the transformer and define it twice
        ClassFilter.ignored("");
        if (attached) {
            inst.addTransformer(transformer(witness, settings, counters), true);
            retransformLoaded(inst);
        } else {
            String main = settings.mainClass() == null ? null : settings.mainClass().replace('.', '/');
            inst.addTransformer(new PremainTransformer(main, settings.kernel(),
                    () -> transformer(witness, settings, counters), counters));
        }
    }

    /** The kernel transformation as a class-file transformer. */
    private static KernelTransformer transformer(Witness witness, WeaveSettings settings, Counters counters) {
        return new KernelTransformer(weaver(witness, settings, counters), settings.kernel(), counters,
                Boolean.getBoolean(DEBUG_PROPERTY));
    }

    /** The one transformation, as {@link #install} uses it; tests weave single classes with it. */
    static Weaver weaver(Witness witness, WeaveSettings settings, Counters counters) {
        WindowVisitor windows = settings.windows() == Windows.PROBES ? null
                : new WindowVisitor(settings.windows() == Windows.LINES, counters);
        return new Weaver(new ProbeAdvisor(new Requirements(witness)),
                new CallSiteVisitor(witness, new ProbeTargets(), counters), windows, settings, counters);
    }

    /**
     * Retransforms the loaded classes that the transformation may change: those of a class loader
     * other than the bootstrap one, outside {@link ClassFilter}'s packages, and modifiable (the
     * transformer itself skips those whose class file does not mention the model). A batch that
     * fails is named on stderr and the rest go on.
     */
    private static void retransformLoaded(Instrumentation inst) {
        List<Class<?>> batch = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() != null && !c.isArray() && !c.isPrimitive() && !c.isHidden()
                    && !ClassFilter.ignored(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
                batch.add(c);
                if (batch.size() == BATCH) {
                    retransform(inst, batch);
                    batch.clear();
                }
            }
        }
        retransform(inst, batch);
    }

    private static void retransform(Instrumentation inst, List<Class<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            inst.retransformClasses(batch.toArray(new Class<?>[0]));
        } catch (Exception | LinkageError e) {
            System.err.println("lockwitness: could not retransform " + batch + ", they run unchecked: " + e);
        }
    }
}
