package org.lockwitness.agent.weave;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Weaver} as a class-file transformer: it passes over what the agent never weaves (the
 * bootstrap loader's classes, {@link ClassFilter}'s packages, a class whose constant pool does not
 * mention the kernel model, or everything under {@code locks=java}), counts the classes it
 * transforms, and turns a failure into one line on stderr per class, which then loads unchanged.
 * With {@code -Dlockwitness.debug=true} it names each class it transforms on stderr.
 *
 * <p>Thread-safety: thread-safe; the JVM may call it from several threads.
 */
final class KernelTransformer implements ClassFileTransformer {

    private final Weaver weaver;
    private final boolean kernel;
    private final Counters counters;
    private final boolean debug;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * @param kernel whether the kernel model and the call sites into it are woven ({@code locks=java}: none)
     * @param debug whether each transformation is logged on stderr
     */
    KernelTransformer(Weaver weaver, boolean kernel, Counters counters, boolean debug) {
        this.weaver = weaver;
        this.kernel = kernel;
        this.counters = counters;
        this.debug = debug;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) {
        if (name == null || loader == null || !kernel || ClassFilter.ignored(name)
                || !ClassFilter.mentionsModel(bytes)) {
            return null;
        }
        return weave(loader, name, bytes);
    }

    /**
     * Weaves a class that passed the filters (which {@link PremainTransformer} applies itself).
     *
     * @param loader its loader, not the bootstrap loader
     * @param name its internal name
     * @param bytes its class file
     * @return the woven class file, or null when it is left as it is (never woven, or failed)
     */
    byte[] weave(ClassLoader loader, String name, byte[] bytes) {
        try {
            byte[] out = weaver.weave(loader, bytes);
            if (out == null) {
                return null;
            }
            counters.classesTransformed.incrementAndGet();
            if (name.startsWith(ProbeTargets.MODEL_PREFIX)) {
                counters.modelClassesTransformed.incrementAndGet();
            }
            if (debug) {
                System.err.println("lockwitness: transformed " + name.replace('/', '.') + " [" + loader + "]");
            }
            return out;
        } catch (Throwable e) {
            counters.transformErrors.incrementAndGet();
            if (reported.add(name)) {
                System.err.println("lockwitness: could not instrument " + name.replace('/', '.')
                        + ", it runs unchecked: " + e);
            }
            return null;
        }
    }
}
