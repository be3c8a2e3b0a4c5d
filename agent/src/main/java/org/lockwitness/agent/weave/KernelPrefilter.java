package org.lockwitness.agent.weave;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Lets only class files that mention the kernel model ({@code org/lockwitness/kernel/} in their
 * constant pool) reach Byte Buddy when an attached agent retransforms: every other class is skipped
 * after a byte scan, without being parsed. (Under {@code premain}, {@link PremainTransformer} does
 * this filtering, and gives the launched main class its exit call.)
 *
 * <p>Thread-safety: stateless; the JVM may call it from several threads.
 */
final class KernelPrefilter implements AgentBuilder.TransformerDecorator {

    private final boolean kernel;

    /** @param kernel whether classes that mention the model pass ({@code locks=java}: none) */
    KernelPrefilter(boolean kernel) {
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
        return name != null && kernel && mentionsModel(bytes);
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
