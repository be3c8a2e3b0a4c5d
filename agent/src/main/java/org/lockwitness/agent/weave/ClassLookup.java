package org.lockwitness.agent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The classes one transformation may ask about, read as {@link ClassInfo}s from the class files that
 * the transformed class's loader finds ({@code getResourceAsStream}), never by loading them: the
 * class being transformed comes from its own bytes. Answers are kept for the one transformation, as
 * a type pool's are; the callers keep their own caches of what they decide.
 *
 * <p>Thread-safety: confined to the thread of one transformation.
 */
final class ClassLookup {

    private final ClassLoader loader;
    private final Map<String, ClassInfo> seen = new HashMap<>();

    /**
     * @param loader the loader of the class being transformed (null: the bootstrap loader, whose
     *     class files the system loader finds)
     * @param self the class being transformed
     */
    ClassLookup(ClassLoader loader, ClassInfo self) {
        this.loader = loader;
        if (self != null) {
            seen.put(self.name, self);
        }
    }

    /**
     * @param internalName a class's internal name
     * @return its shape, or null when its class file cannot be found or read
     */
    ClassInfo find(String internalName) {
        if (internalName == null) {
            return null;
        }
        if (seen.containsKey(internalName)) {
            return seen.get(internalName);
        }
        ClassInfo info = null;
        ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = l.getResourceAsStream(internalName + ".class")) {
            if (in != null) {
                info = ClassInfo.read(in.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            info = null;
        }
        seen.put(internalName, info);
        return info;
    }

    /**
     * @param internalName a class
     * @param test a test on a class in its superclass chain
     * @return the first class of the chain, from {@code internalName} up, that passes, or null
     */
    ClassInfo firstInChain(String internalName, Predicate<ClassInfo> test) {
        for (ClassInfo c = find(internalName); c != null; c = find(c.superName)) {
            if (test.test(c)) {
                return c;
            }
        }
        return null;
    }
}
