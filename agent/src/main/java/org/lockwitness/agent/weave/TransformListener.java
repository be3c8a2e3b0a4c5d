package org.lockwitness.agent.weave;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Counts transformed classes and transformation errors, and reports each failing class once on
 * stderr; the class then loads unchanged.
 *
 * <p>Thread-safety: thread-safe.
 */
final class TransformListener extends AgentBuilder.Listener.Adapter {

    private final Counters counters;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    TransformListener(Counters counters) {
        this.counters = counters;
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
            DynamicType dynamicType) {
        counters.classesTransformed.incrementAndGet();
        if (type.getName().startsWith("org.lockwitness.kernel.")) {
            counters.modelClassesTransformed.incrementAndGet();
        }
    }

    /** Reports a failed retransformation batch on stderr and goes on with the next batch. */
    static final class Retransformation extends AgentBuilder.RedefinitionStrategy.Listener.Adapter {
        @Override
        public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable error,
                List<Class<?>> types) {
            System.err.println("lockwitness: could not retransform " + batch + ", they run unchecked: " + error);
            return List.of();
        }
    }

    @Override
    public void onError(String name, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
        counters.transformErrors.incrementAndGet();
        if (reported.add(name)) {
            System.err.println("lockwitness: could not instrument " + name + ", it runs unchecked: " + error);
        }
    }
}
