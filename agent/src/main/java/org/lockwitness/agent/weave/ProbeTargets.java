package org.lockwitness.agent.weave;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Answers, at transform time, whether a call sets the caller's site: a call into the kernel model
 * does when the owner is in {@code org.lockwitness.kernel} and the method, found in the owner or a
 * superclass by name and descriptor, carries a probe annotation or is a public method of a
 * {@code @KernelCode} class (a primitive such as {@code LockMgr.lock(flags)} that dispatches to
 * probed internals); a call outside the model does when the method is a {@code @LockWrapper}
 * (owners of the JDK and JUnit are never looked up). Answers are cached per owner, name and
 * descriptor.
 *
 * <p>Thread-safety: thread-safe (a concurrent cache; each lookup belongs to one transformation).
 */
final class ProbeTargets {

    static final String MODEL_PREFIX = "org/lockwitness/kernel/";
    static final String LOCK_WRAPPER = "org.lockwitness.kernel.probe.LockWrapper";
    static final String KERNEL_CODE = "org.lockwitness.kernel.probe.KernelCode";
    /** Owners whose methods are never lock wrappers: not looked up. */
    private static final String[] NEVER_WRAPPERS = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "net/bytebuddy/",
        "org/junit/"};

    private final ConcurrentMap<String, Boolean> cache = new ConcurrentHashMap<>();

    /**
     * @param lookup the classes of the transformation that meets the call
     * @param owner the internal name of the invoked method's owner
     * @param name the method's name
     * @param descriptor its descriptor
     * @return whether the call should set a site
     */
    boolean isProbe(ClassLookup lookup, String owner, String name, String descriptor) {
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
            ClassInfo declaring = lookup.firstInChain(owner, c -> c.method(name, descriptor) != null);
            ClassInfo.Method m = declaring == null ? null : declaring.method(name, descriptor);
            if (m == null) {
                known = false;
            } else if (model) {
                known = ProbeAdvisor.probeOf(m) != null || (m.isPublic() && declaring.has(KERNEL_CODE));
            } else {
                known = isWrapper(m);
            }
            cache.put(key, known);
        }
        return known;
    }

    /** Whether the method carries {@code @LockWrapper}. */
    static boolean isWrapper(ClassInfo.Method m) {
        return m != null && m.has(LOCK_WRAPPER);
    }
}
