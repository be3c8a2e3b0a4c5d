package org.lockwitness.agent.weave;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The transformation of an agent started before {@code main}: every class is first judged by its
 * loader, its name and a byte scan ({@link ClassFilter}), before anything is parsed; a class that
 * mentions the kernel model goes to the {@link KernelTransformer}, which is built on the first such
 * class only; the launched main class gets its exit call from {@link MainExitWeaver}. A program that
 * never touches the model therefore loads none of the weaving, and nothing already loaded is
 * retransformed: before {@code main} no class of the model or of the program has been loaded (an
 * attached agent retransforms instead, see {@link Weaving}).
 *
 * <p>Design: the kernel transformer is built once, under this object's monitor; a class that its
 * construction loads on the building thread is passed over (only the agent's and ASM's classes are
 * loaded then, and those are never woven). Other threads wait for the build; the system class
 * loader locks per class name, so the wait cannot close a cycle with the building thread.
 *
 * <p>Thread-safety: the JVM may call it from several threads; the built transformer is published
 * through a volatile field.
 */
final class PremainTransformer implements ClassFileTransformer {

    private final String mainClass;
    private final boolean kernel;
    private final Supplier<KernelTransformer> build;
    private final Counters counters;
    private volatile KernelTransformer kernelWeaving;
    /** The build failed: the model runs unchecked. */
    private volatile boolean failed;
    private boolean building;

    /**
     * @param mainClass the internal name of the launched main class, or null when unknown
     * @param kernel whether the kernel model and the call sites into it are woven ({@code locks=java}:
     *     only the main class's exit)
     * @param build makes the kernel transformer; called at most once
     */
    PremainTransformer(String mainClass, boolean kernel, Supplier<KernelTransformer> build, Counters counters) {
        this.mainClass = mainClass;
        this.kernel = kernel;
        this.build = build;
        this.counters = counters;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) throws IllegalClassFormatException {
        return transform(null, loader, name, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        if (name == null) {
            return null;
        }
        if (name.startsWith(ProbeTargets.MODEL_PREFIX)) {
            counters.modelLoaded = true;
        }
        boolean main = name.equals(mainClass);
        byte[] out = null;
        if (kernel && loader != null && !ClassFilter.ignored(name) && ClassFilter.mentionsModel(bytes)) {
            KernelTransformer t = kernelWeaving();
            if (t != null) {
                out = t.weave(loader, name, bytes);
            }
        }
        return main ? weaveMain(name, out == null ? bytes : out, out != null) : out;
    }

    private byte[] weaveMain(String name, byte[] bytes, boolean counted) {
        try {
            byte[] woven = MainExitWeaver.weave(bytes);
            if (woven == null) {
                return counted ? bytes : null;
            }
            if (!counted) {
                counters.classesTransformed.incrementAndGet();
            }
            return woven;
        } catch (Throwable e) {
            counters.transformErrors.incrementAndGet();
            System.err.println("lockwitness: could not weave the exit of " + name.replace('/', '.')
                    + "'s main, fail= cannot set its exit status: " + e);
            return counted ? bytes : null;
        }
    }

    /** @return the kernel transformer, built on first use; null while it is being built on this thread, or after a failed build */
    private KernelTransformer kernelWeaving() {
        KernelTransformer t = kernelWeaving;
        if (t != null || failed) {
            return t;
        }
        synchronized (this) {
            if (kernelWeaving == null && !building && !failed) {
                building = true;
                try {
                    kernelWeaving = build.get();
                } catch (RuntimeException | LinkageError e) {
                    System.err.println("lockwitness: could not start the weaving, the model runs unchecked: " + e);
                    failed = true;
                } finally {
                    building = false;
                }
            }
            return kernelWeaving;
        }
    }
}
