package org.lockwitness.agent.weave.jlock;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lockwitness.agent.weave.Counters;
import org.lockwitness.witness.Witness;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The class-file transformer of Java locks: for an admitted class ({@link JavaLockSettings}) that
 * {@link Scan} finds something in, the rewrite of {@link LockClassVisitor}. Classes of the
 * bootstrap loader are never touched. A class that cannot be rewritten loads unchanged and is
 * reported once on stderr.
 *
 * <p>Thread-safety: stateless apart from thread-safe collaborators.
 */
final class JavaLockTransformer implements ClassFileTransformer {

    private final Witness witness;
    private final JavaLockSettings settings;
    private final Counters counters;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    JavaLockTransformer(Witness witness, JavaLockSettings settings, Counters counters) {
        this.witness = witness;
        this.settings = settings;
        this.counters = counters;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) {
        if (loader == null || name == null || !settings.admits(name)) {
            return null;
        }
        try {
            return weave(bytes);
        } catch (Throwable e) {
            counters.transformError();
            if (reported.add(name)) {
                System.err.println("lockwitness: could not instrument the Java locks of " + name.replace('/', '.')
                        + ", they run unchecked: " + e);
            }
            return null;
        }
    }

    /** The rewritten class, or null when it has no Java lock to instrument. */
    byte[] weave(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        Scan scan = new Scan();
        reader.accept(scan, ClassReader.SKIP_FRAMES);
        if (!scan.needed) {
            return null;
        }
        ClassWriter writer = new ClassWriter(0);
        LockClassVisitor visitor = new LockClassVisitor(writer, witness, scan);
        reader.accept(visitor, ClassReader.EXPAND_FRAMES);
        byte[] out = writer.toByteArray();
        counters.javaLockSites(visitor.sites);
        return out;
    }
}
