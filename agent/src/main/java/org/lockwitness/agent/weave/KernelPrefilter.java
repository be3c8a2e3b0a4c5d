package org.lockwitness.agent.weave;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Lets only class files that mention the kernel model ({@code org/lockwitness/kernel/} in their
 * constant pool), and the launched main class, reach Byte Buddy: every other class is skipped after
 * a byte scan, without being parsed.
 *
 * <p>Thread-safety: stateless; the JVM may call it from several threads.
 */
final class KernelPrefilter implements AgentBuilder.TransformerDecorator {

    private final String mainClass;
    private final boolean kernel;

    /** @param mainClass the internal name of the launched main class, or null */
    KernelPrefilter(String mainClass) {
        this(mainClass, true);
    }

    /**
     * @param mainClass the internal name of the launched main class, or null
     * @param kernel whether classes that mention the model pass ({@code locks=java}: only the main class)
     */
    KernelPrefilter(String mainClass, boolean kernel) {
        this.mainClass = mainClass;
        this.kernel = kernel;
    }

    static boolean mentionsModel(byte[] bytes) {
        return ClassFilter.mentionsModel(bytes);
    }

    @Override
    public ResettableClassFileTransformer decorate(ResettableClassFileTransformer transformer) {
        return new Filtered(transformer);
    }

    private boolean wanted(String name, byte[] bytes) {
        return name != null && (name.equals(mainClass) || kernel && mentionsModel(bytes));
    }

    /** The decorated transformer. */
    private final class Filtered extends ResettableClassFileTransformer.WithDelegation {
        Filtered(ResettableClassFileTransformer delegate) {
            super(delegate);
        }

        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                byte[] bytes) throws IllegalClassFormatException {
            return wanted(name, bytes) ? classFileTransformer.transform(loader, name, redefined, domain, bytes) : null;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
            return wanted(name, bytes)
                    ? classFileTransformer.transform(module, loader, name, redefined, domain, bytes) : null;
        }
    }
}
