package org.lockwitness.agent.weave;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.pool.TypePool;

/**
 * Answers, at transform time, whether a call sets the caller's site: a call into the kernel model
 * does when the owner is in {@code org.lockwitness.kernel} and the method, found in the owner or a
 * superclass by name and descriptor, carries a probe annotation or is a public method of a
 * {@code @KernelCode} class (a primitive such as {@code LockMgr.lock(flags)} that dispatches to
 * probed internals); a call outside the model does when the method is a {@code @LockWrapper}
 * (owners of the JDK, Byte Buddy and JUnit are never looked up). Answers are cached per
 * owner, name and descriptor.
 *
 * <p>Thread-safety: thread-safe (a concurrent cache; the type pool is Byte Buddy's).
 */
final class ProbeTargets {

    static final String MODEL_PREFIX = "org/lockwitness/kernel/";
    static final String LOCK_WRAPPER = "org.lockwitness.kernel.probe.LockWrapper";
    /** Owners whose methods are never lock wrappers: not looked up. */
    private static final String[] NEVER_WRAPPERS = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "net/bytebuddy/",
        "org/junit/"};

    private final ConcurrentMap<String, Boolean> cache = new ConcurrentHashMap<>();

    /**
     * @param pool the type pool of the class being transformed
     * @param owner the internal name of the invoked method's owner
     * @param name the method's name
     * @param descriptor its descriptor
     * @return whether the call should set a site
     */
    boolean isProbe(TypePool pool, String owner, String name, String descriptor) {
        if (owner.startsWith(MODEL_PREFIX + "probe/") || owner.charAt(0) == '[') {
            return false;
        }
        boolean model = owner.startsWith(MODEL_PREFIX);
        if (!model) {
            for (String p : NEVER_WRAPPERS) {
                if (owner.startsWith(p)) {
                    return false;
                }
            }
        }
        String key = owner + '.' + name + descriptor;
        Boolean known = cache.get(key);
        if (known == null) {
            known = model ? resolve(pool, owner, name, descriptor) : isWrapper(pool, owner, name, descriptor);
            cache.put(key, known);
        }
        return known;
    }

    /** Whether the method carries {@code @LockWrapper}. */
    static boolean isWrapper(MethodDescription m) {
        return m.getDeclaredAnnotations().stream()
                .anyMatch(a -> a.getAnnotationType().getName().equals(LOCK_WRAPPER));
    }

    private static boolean isWrapper(TypePool pool, String owner, String name, String descriptor) {
        TypePool.Resolution r = pool.describe(owner.replace('/', '.'));
        if (!r.isResolved()) {
            return false;
        }
        for (TypeDefinition t = r.resolve(); t != null; t = t.getSuperClass()) {
            for (MethodDescription m : t.getDeclaredMethods()) {
                if (m.getInternalName().equals(name) && m.getDescriptor().equals(descriptor)) {
                    return isWrapper(m);
                }
            }
        }
        return false;
    }

    private static boolean isKernelCode(TypeDefinition t) {
        return t.asErasure().getDeclaredAnnotations().stream()
                .anyMatch(a -> a.getAnnotationType().getName().equals("org.lockwitness.kernel.probe.KernelCode"));
    }

    private static boolean resolve(TypePool pool, String owner, String name, String descriptor) {
        TypePool.Resolution r = pool.describe(owner.replace('/', '.'));
        if (!r.isResolved()) {
            return false;
        }
        for (TypeDefinition t = r.resolve(); t != null; t = t.getSuperClass()) {
            for (MethodDescription m : t.getDeclaredMethods()) {
                if (m.getInternalName().equals(name) && m.getDescriptor().equals(descriptor)) {
                    return ProbeAdvisor.probeOf(m) != null || (m.isPublic() && isKernelCode(t));
                }
            }
        }
        return false;
    }
}
