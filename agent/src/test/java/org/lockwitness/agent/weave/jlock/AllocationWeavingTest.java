package org.lockwitness.agent.weave.jlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.lockwitness.agent.runtime.jlock.JavaLockRuntime;
import org.lockwitness.agent.weave.ClassPatterns;
import org.lockwitness.agent.weave.Counters;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What a woven class calls, read back from its bytecode: a lock object's allocation is recorded
 * under its site or the field it is stored into, a constructor's {@code super()} and other types
 * are not; blocking waits call their hooks. The woven class passes the JVM's verifier.
 */
class AllocationWeavingTest {

    private static final String ALLOCATED = "org/lockwitness/agent/runtime/jlock/JavaAllocations.allocated";
    private static final String BLOCKING = "org/lockwitness/agent/runtime/jlock/JavaBlocking.";

    /** A class with allocations and waits; public so that a woven copy in another loader can use it. */
    public static final class Host {
        public ReentrantLock field;

        public Host() {
            super();
        }

        public static Object local() {
            return new Object(); // SITE:local
        }

        public void stored() {
            field = new ReentrantLock();
        }

        public static Object nested() {
            return new Box(new Object()); // SITE:nested
        }

        public static Object other() {
            return new ArrayList<String>();
        }

        public static Object get(Future<?> f) throws Exception {
            return f.get();
        }

        public static void waits(CountDownLatch latch) throws InterruptedException {
            latch.await();
            LockSupport.parkNanos(1L);
        }
    }

    /** A class with a {@code synchronized} block: the collections it makes are recorded too. */
    public static final class SyncHost {
        public Map<String, String> map;

        public static Object list() {
            List<String> l = new ArrayList<>(); // SITE:list
            synchronized (l) {
                l.add("x");
            }
            return l;
        }

        public void stored() {
            map = new HashMap<>();
        }

        public static Object notACollection() {
            return new StringBuilder();
        }
    }

    /** A holder that is no lock type. */
    public static final class Box {
        final Object content;

        public Box(Object content) {
            this.content = content;
        }
    }

    @Test
    void aNewLockObject_isRecordedUnderItsSite_orTheFieldItIsStoredInto_andNothingElseIs() throws Exception {
        Map<String, List<String>> calls = calls(woven());
        String host = Host.class.getName();
        assertEquals(List.of("java/lang/Object.<init>", ALLOCATED, "ldc " + name(site("local"))), calls.get("local"));
        assertEquals(List.of("java/util/concurrent/locks/ReentrantLock.<init>", ALLOCATED,
                "ldc " + name(host + ".field")), calls.get("stored"));
        assertEquals(List.of("java/lang/Object.<init>", ALLOCATED, "ldc " + name(site("nested")),
                Box.class.getName().replace('.', '/') + ".<init>"), calls.get("nested"));
        assertEquals(List.of("java/util/ArrayList.<init>"), calls.get("other"));
        assertEquals(List.of("java/lang/Object.<init>"), calls.get("<init>"), "super() is no allocation");
    }

    @Test
    void aCollection_isRecordedOnlyByAClassWithASynchronizedBlock() throws Exception {
        Map<String, List<String>> calls = calls(woven(SyncHost.class));
        assertEquals(List.of("java/util/ArrayList.<init>", ALLOCATED, "ldc " + name(site("list"))),
                calls.get("list").subList(0, 3));
        assertEquals(List.of("java/util/HashMap.<init>", ALLOCATED, "ldc " + name(SyncHost.class.getName() + ".map")),
                calls.get("stored"));
        assertEquals(List.of("java/lang/StringBuilder.<init>"), calls.get("notACollection"));
        assertEquals(List.of("java/util/ArrayList.<init>"), calls(woven()).get("other"),
                "Host has no synchronized block");
    }

    @Test
    void collections_areTheJdksListsMapsSetsQueuesAndDeques() {
        for (String t : List.of("java/util/ArrayList", "java/util/HashMap", "java/util/TreeSet", "java/util/ArrayDeque",
                "java/util/PriorityQueue", "java/util/Vector", "java/util/Hashtable", "java/util/Stack",
                "java/util/concurrent/ConcurrentHashMap", "java/util/concurrent/CopyOnWriteArrayList")) {
            assertTrue(AllocationMethodVisitor.collection(t), t);
        }
        for (String t : List.of("java/lang/StringBuilder", "java/util/Optional", "java/util/Collections$SynchronizedList",
                "java/util/concurrent/locks/ReentrantLock", "com/example/MyList", "java/util/stream/ListX")) {
            assertFalse(AllocationMethodVisitor.collection(t), t);
        }
    }

    @Test
    void blockingWaits_callTheirHooks() throws Exception {
        Map<String, List<String>> calls = calls(woven());
        assertTrue(calls.get("get").contains(BLOCKING + "get"), calls.toString());
        assertFalse(calls.get("get").contains("java/util/concurrent/Future.get"), calls.toString());
        assertTrue(calls.get("waits").containsAll(List.of(BLOCKING + "await", BLOCKING + "parkNanos")),
                calls.toString());
    }

    @Test
    void theWovenClass_passesTheVerifier_andRuns() throws Exception {
        byte[] bytes = woven();
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(Host.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        Class<?> copy = loader.loadClass(Host.class.getName());
        Method nested = copy.getMethod("nested");
        assertNotNull(nested.invoke(null));
        Object host = copy.getConstructor().newInstance();
        copy.getMethod("stored").invoke(host);
        assertTrue(copy.getField("field").get(host) instanceof ReentrantLock);
    }

    private static byte[] woven() throws IOException {
        return woven(Host.class);
    }

    private static byte[] woven(Class<?> host) throws IOException {
        Witness witness = Witness.create(WitnessOptions.defaults());
        JavaLockTransformer t = new JavaLockTransformer(witness, new JavaLockSettings(ClassPatterns.ALL,
                ClassPatterns.NONE), new Counters());
        try (InputStream in = host.getResourceAsStream(host.getName().substring(host.getName().lastIndexOf('.') + 1)
                + ".class")) {
            byte[] out = t.weave(in.readAllBytes());
            assertNotNull(out, "the host has something to weave");
            return out;
        }
    }

    private static int name(String lockName) {
        return JavaLockRuntime.name(lockName);
    }

    /** Per method: the methods it calls, each hook call followed by its name constant when it has one. */
    private static Map<String, List<String>> calls(byte[] bytes) {
        Map<String, List<String>> all = new HashMap<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                List<String> calls = new ArrayList<>();
                all.put(name, calls);
                return new MethodVisitor(Opcodes.ASM9) {
                    private Object lastConstant;

                    @Override
                    public void visitLdcInsn(Object value) {
                        lastConstant = value;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean isInterface) {
                        calls.add(owner + "." + n);
                        if ((owner + "." + n).equals(ALLOCATED)) {
                            calls.add("ldc " + lastConstant);
                        }
                    }
                };
            }
        }, 0);
        return all;
    }

    /** {@code AllocationWeavingTest.java:line} of the line that carries {@code // SITE:marker}. */
    private static String site(String marker) throws IOException {
        Path src = Path.of("src/test/java/org/lockwitness/agent/weave/jlock/AllocationWeavingTest.java");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// SITE:" + marker)) {
                return src.getFileName() + ":" + (i + 1);
            }
        }
        throw new AssertionError("no SITE:" + marker);
    }
}
