package org.lockwitness.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The run-time package, as built into the shaded agent jar, never reaches Byte Buddy, ASM (raw,
 * repackaged or relocated), the weave package or the entry package: not directly in its constant
 * pools, not through any class of the jar it refers to, and not when it is loaded and initialised
 * in a class loader that cannot see them.
 */
class RuntimeIsolationIT {

    private static final String RUNTIME = "org/lockwitness/agent/runtime/";
    private static final List<String> FORBIDDEN = List.of("net/bytebuddy/", "org/objectweb/asm/",
            "org/lockwitness/agent/shaded/net/bytebuddy/", "org/lockwitness/agent/shaded/org/objectweb/asm/",
            "org/lockwitness/agent/weave/");

    @Test
    void runtimeClasses_mentionNoClassFileLibraryAndNoOtherAgentPackage() throws IOException {
        List<String> found = new ArrayList<>();
        try (JarFile jar = new JarFile(agentJar().toFile())) {
            List<String> runtime = runtimeClasses(jar);
            assertTrue(runtime.size() >= 8, "too few run-time classes: " + runtime);
            for (String c : runtime) {
                for (String s : ConstantPool.strings(bytes(jar, c))) {
                    for (String f : FORBIDDEN) {
                        if (s.contains(f) || s.contains(f.replace('/', '.'))) {
                            found.add(c + " -> " + s);
                        }
                    }
                    for (String name : ConstantPool.classNames(s)) {
                        if (isEntryPackage(name)) {
                            found.add(c + " -> " + name);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void everyClassOfTheJarThatTheRuntimeReaches_staysClearOfThem() throws IOException {
        List<String> found = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        try (JarFile jar = new JarFile(agentJar().toFile())) {
            Deque<String> todo = new ArrayDeque<>(runtimeClasses(jar));
            reached.addAll(todo);
            while (!todo.isEmpty()) {
                String c = todo.pop();
                for (String s : ConstantPool.strings(bytes(jar, c))) {
                    for (String name : ConstantPool.classNames(s)) {
                        if (isForbidden(name) || isEntryPackage(name)) {
                            found.add(c + " -> " + name);
                        } else if (jar.getEntry(name + ".class") != null && reached.add(name)) {
                            todo.push(name);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
        assertTrue(reached.contains("org/lockwitness/agent/shaded/witness/Witness"), "the witness was not reached");
    }

    @Test
    void runtimeClasses_loadInitialiseAndRunWhereByteBuddyAndAsmCannotBeSeen() throws Exception {
        try (JarFile jar = new JarFile(agentJar().toFile())) {
            Isolated loader = new Isolated(jar, RuntimeIsolationIT.class.getClassLoader());
            for (String c : runtimeClasses(jar)) {
                Class<?> type = Class.forName(c.replace('/', '.'), true, loader);
                assertEquals(loader, type.getClassLoader(), c);
            }
            Class<?> sites = loader.loadClass(Sites.class.getName());
            Object prev = sites.getMethod("enter", int.class).invoke(null, 7);
            sites.getMethod("exit", int.class).invoke(null, prev);
            Method contextEvent = loader.loadClass(Probes.class.getName()).getMethod("contextEvent", int.class,
                    int.class);
            contextEvent.invoke(null, Probes.CRITICAL_ENTER, 0);
            loader.loadClass(ExitStatus.class.getName()).getMethod("mainReturned").invoke(null);
            assertEquals(0L, loader.loadClass(ProbeRuntime.class.getName()).getMethod("events").invoke(null));
            assertEquals(List.of(), loader.refused, "the run-time side asked for them");
        }
    }

    private static boolean isForbidden(String name) {
        return FORBIDDEN.stream().anyMatch(name::startsWith);
    }

    /** A class directly in {@code org.lockwitness.agent}, where the entry point and Byte Buddy's user live. */
    private static boolean isEntryPackage(String name) {
        return name.startsWith("org/lockwitness/agent/") && name.indexOf('/', "org/lockwitness/agent/".length()) < 0;
    }

    private static List<String> runtimeClasses(JarFile jar) {
        return jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(RUNTIME) && n.endsWith(".class"))
                .map(n -> n.substring(0, n.length() - ".class".length())).sorted().toList();
    }

    private static byte[] bytes(JarFile jar, String internalName) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(internalName + ".class"))) {
            return in.readAllBytes();
        }
    }

    private static Path agentJar() {
        Path jar = Path.of(System.getProperty("lockwitness.agent.jar", "target/lockwitness-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "agent jar not built: " + jar);
        return jar.toAbsolutePath();
    }

    /** Reads the constant pool of a class file. */
    static final class ConstantPool {

        private ConstantPool() {
        }

        /** @return every Utf8 constant: class names, descriptors, signatures, member names and strings */
        static List<String> strings(byte[] classFile) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            List<String> out = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            return out;
        }

        /** @return the internal class names a constant may name, as a class, in a descriptor or in a signature */
        static List<String> classNames(String constant) {
            List<String> names = new ArrayList<>();
            for (String token : constant.split("[^A-Za-z0-9_$/]+")) {
                if (token.indexOf('/') > 0) {
                    names.add(token);
                    if (token.charAt(0) == 'L' || token.charAt(0) == 'T') {
                        names.add(token.substring(1));
                    }
                }
            }
            return names;
        }
    }

    /**
     * Defines the classes of the agent jar itself, takes the kernel model from the test's loader and
     * the JDK from the platform loader, and refuses Byte Buddy, ASM, the weave and the entry package.
     */
    static final class Isolated extends ClassLoader {

        final List<String> refused = Collections.synchronizedList(new ArrayList<>());
        private final JarFile jar;
        private final ClassLoader model;

        Isolated(JarFile jar, ClassLoader model) {
            super("isolated-runtime", ClassLoader.getPlatformClassLoader());
            this.jar = jar;
            this.model = model;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = find(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private Class<?> find(String name) throws ClassNotFoundException {
            String internal = name.replace('.', '/');
            if (isForbidden(internal) || isEntryPackage(internal)) {
                refused.add(name);
                throw new ClassNotFoundException(name + " is not visible to the run-time side");
            }
            if (name.startsWith("org.lockwitness.kernel.")) {
                return model.loadClass(name);
            }
            JarEntry entry = jar.getJarEntry(internal + ".class");
            if (entry == null) {
                return getParent().loadClass(name);
            }
            try (InputStream in = jar.getInputStream(entry)) {
                byte[] b = in.readAllBytes();
                return defineClass(name, b, 0, b.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
