package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * No Java monitor, {@code java.util.concurrent} lock or host wait in the model's main code but
 * those of the allowlist below, each with the reason it is safe; and none of the monitors or locks
 * on it reaches a scheduling point. Reads the compiled classes: synchronized methods,
 * {@code MONITORENTER}, calls that lock or wait ({@code java.util.concurrent} locks, conditions,
 * latches, semaphores, queues; {@code Object.wait}, {@code Thread.sleep/join},
 * {@code LockSupport.park}).
 *
 * <p>A scheduling point is {@code SchedulingPoints.point} (windows, spin-waits, idling), {@code
 * KThread.awaitRun} (the baton), any method of a {@code @KernelCode} class (the agent weaves a window
 * before each of its lines), a method with a probe annotation (the agent calls the checker there),
 * and any call whose target the scan cannot know (an interface or abstract method, a lambda).
 */
class HostMonitorScanTest {

    /** Class#method of each allowed monitor, lock or host wait, and why it is safe. */
    static final Map<String, String> ALLOWLIST = Map.of(
            "Clock#add", "leaf monitor on the timer queue: PriorityQueue operations only, no scheduling point",
            "Clock#cancel", "leaf monitor on the timer queue: PriorityQueue operations only, no scheduling point",
            "Clock#expired", "leaf monitor on the timer queue: reads the queue only, no scheduling point",
            "Clock#jumpToNextTimer", "leaf monitor on the timer queue: PriorityQueue operations only, no scheduling"
                    + " point",
            "Clock#remove", "leaf monitor on the timer queue: PriorityQueue operations only, no scheduling point",
            "InterruptSource#addHandler", "leaf monitor: adds a record and at most one Ithread, whose creation"
                    + " (Kthreads.spawnWaiting) takes no scheduling point",
            "KThread#awaitRun", "LockSupport.park for the baton: this is the scheduling point itself, with no"
                    + " monitor held (checked by the scan)",
            "SchedulingPoints#parallelIdle", "PARALLEL mode's idle parkNanos(20 us): timed, holds nothing",
            "Cpu#spinDelay", "PARALLEL mode's spin-wait back-off parkNanos(10 us), as lock_delay's: timed, holds"
                    + " no monitor (the scan checks the scheduling point it is called from)",
            "RunControl#await", "the controlling thread's timed wait for the end of the run: not a kernel"
                    + " thread, holds nothing");

    private static final String KERNEL = "org/lockwitness/kernel/";
    private static final String KERNEL_CODE = "Lorg/lockwitness/kernel/probe/KernelCode;";
    private static final String NO_WINDOWS = "Lorg/lockwitness/kernel/probe/NoWindows;";
    private static final String PROBE = "Lorg/lockwitness/kernel/probe/";
    private static final Set<String> SCHEDULING_POINTS = Set.of(KERNEL + "SchedulingPoints#point", KERNEL + "KThread#awaitRun");

    private static final Map<String, ClassNode> CLASSES = new HashMap<>();

    @BeforeAll
    static void readClasses() throws IOException, URISyntaxException {
        Path root = Path.of(Machine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root.resolve(KERNEL)), "the model's classes are a directory: " + root);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    ClassNode c = new ClassNode();
                    new ClassReader(in).accept(c, ClassReader.SKIP_FRAMES);
                    CLASSES.put(c.name, c);
                }
            }
        }
        assertTrue(CLASSES.containsKey(KERNEL + "Machine"), "read " + CLASSES.size() + " classes from " + root);
    }

    @Test
    void every_monitor_lock_and_host_wait_is_on_the_allowlist_and_none_is_stale() {
        Map<String, String> found = new TreeMap<>();
        for (ClassNode c : CLASSES.values()) {
            for (MethodNode m : c.methods) {
                String what = blocking(m);
                if (what != null) {
                    found.merge(key(c, m), what, (a, b) -> a.contains(b) ? a : a + ", " + b);
                }
            }
        }
        Set<String> unlisted = new TreeSet<>(found.keySet());
        unlisted.removeAll(ALLOWLIST.keySet());
        Set<String> stale = new TreeSet<>(ALLOWLIST.keySet());
        stale.removeAll(found.keySet());
        StringBuilder msg = new StringBuilder();
        for (String k : unlisted) {
            msg.append("\n  new: ").append(k).append(" (").append(found.get(k)).append(")");
        }
        for (String k : stale) {
            msg.append("\n  stale allowlist entry: ").append(k);
        }
        assertTrue(msg.isEmpty(), "a Java monitor or lock held across a scheduling point of the model hangs the"
                + " JVM; build model objects outside monitors (Machine.atomically, compare-and-set publication) or,"
                + " for a leaf that reaches no scheduling point, add it to ALLOWLIST with the reason:" + msg);
    }

    @Test
    void no_allowed_monitor_or_lock_reaches_a_scheduling_point() {
        List<String> bad = new ArrayList<>();
        for (ClassNode c : CLASSES.values()) {
            for (MethodNode m : c.methods) {
                for (List<MethodInsnNode> region : heldRegions(m)) {
                    String path = reachesSchedulingPoint(region);
                    if (path != null) {
                        bad.add(key(c, m) + " holds a monitor or lock across " + path);
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void the_scan_sees_a_monitor_held_across_a_window() throws IOException {
        ClassNode c = new ClassNode();
        try (InputStream in = HostMonitorScanTest.class.getResourceAsStream("HostMonitorScanTest$Bad.class")) {
            new ClassReader(in).accept(c, ClassReader.SKIP_FRAMES);
        }
        MethodNode m = c.methods.stream().filter(x -> x.name.equals("windowUnderMonitor")).findFirst().orElseThrow();
        assertEquals("synchronized block", blocking(m));
        List<List<MethodInsnNode>> regions = heldRegions(m);
        assertEquals(1, regions.size());
        assertTrue(String.valueOf(reachesSchedulingPoint(regions.get(0))).contains("SchedulingPoints#point"),
                () -> String.valueOf(reachesSchedulingPoint(regions.get(0))));
    }

    /** The pattern the scan must catch, compiled into the test classes only. */
    static final class Bad {
        private final Object lock = new Object();

        void windowUnderMonitor() {
            synchronized (lock) {
                Machine.window();
            }
        }
    }

    private static String key(ClassNode c, MethodNode m) {
        return c.name.substring(c.name.lastIndexOf('/') + 1) + "#" + m.name;
    }

    /** @return what in {@code m} takes a monitor, a lock or waits on the host, or null */
    private static String blocking(MethodNode m) {
        Set<String> what = new TreeSet<>();
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            what.add("synchronized method");
        }
        for (AbstractInsnNode i : m.instructions) {
            if (i.getOpcode() == Opcodes.MONITORENTER) {
                what.add("synchronized block");
            } else if (i instanceof MethodInsnNode call && (locks(call) || waits(call))) {
                what.add(call.owner.replace('/', '.') + "." + call.name);
            }
        }
        return what.isEmpty() ? null : String.join(", ", what);
    }

    private static boolean locks(MethodInsnNode call) {
        return call.owner.startsWith("java/util/concurrent/")
                && (call.name.startsWith("lock") || call.name.equals("tryLock"));
    }

    private static boolean waits(MethodInsnNode call) {
        if (call.owner.startsWith("java/util/concurrent/")) {
            return call.name.startsWith("await") || call.name.startsWith("park") || call.name.startsWith("acquire")
                    || (call.owner.contains("Blocking") && (call.name.equals("take") || call.name.equals("put")));
        }
        return (call.name.equals("wait") && Set.of("()V", "(J)V", "(JI)V").contains(call.desc))
                || (call.owner.equals("java/lang/Thread") && (call.name.equals("sleep") || call.name.equals("join")));
    }

    /**
     * @return for each monitor or lock {@code m} holds, the calls made while it is held: the whole
     *     body of a synchronized method; what the control flow reaches from a MONITORENTER before its
     *     MONITOREXIT, or from a lock call before an unlock call
     */
    private static List<List<MethodInsnNode>> heldRegions(MethodNode m) {
        List<List<MethodInsnNode>> regions = new ArrayList<>();
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            regions.add(callsUntil(m.instructions.getFirst(), i -> false));
        }
        for (AbstractInsnNode i : m.instructions) {
            if (i.getOpcode() == Opcodes.MONITORENTER) {
                regions.add(callsUntil(i.getNext(), x -> x.getOpcode() == Opcodes.MONITOREXIT));
            } else if (i instanceof MethodInsnNode call && locks(call)) {
                regions.add(callsUntil(i.getNext(), x -> x instanceof MethodInsnNode c && c.name.equals("unlock")));
            }
        }
        return regions;
    }

    /** @return the calls the control flow reaches from {@code from} without passing {@code end} */
    private static List<MethodInsnNode> callsUntil(AbstractInsnNode from, Predicate<AbstractInsnNode> end) {
        List<MethodInsnNode> out = new ArrayList<>();
        Set<AbstractInsnNode> seen = new HashSet<>();
        Deque<AbstractInsnNode> work = new ArrayDeque<>();
        work.add(from);
        while (!work.isEmpty()) {
            AbstractInsnNode i = work.poll();
            if (i == null || end.test(i) || !seen.add(i)) {
                continue;
            }
            if (i instanceof MethodInsnNode call) {
                out.add(call);
            }
            if (i instanceof JumpInsnNode jump) {
                work.add(jump.label);
            } else if (i instanceof TableSwitchInsnNode t) {
                work.add(t.dflt);
                work.addAll(t.labels);
            } else if (i instanceof LookupSwitchInsnNode t) {
                work.add(t.dflt);
                work.addAll(t.labels);
            }
            int op = i.getOpcode();
            boolean fallsThrough = op != Opcodes.GOTO && op != Opcodes.ATHROW && op != Opcodes.TABLESWITCH
                    && op != Opcodes.LOOKUPSWITCH && (op < Opcodes.IRETURN || op > Opcodes.RETURN);
            if (fallsThrough) {
                work.add(i.getNext());
            }
        }
        return out;
    }

    /** @return the call path from {@code region} to a scheduling point, or null when there is none */
    private static String reachesSchedulingPoint(List<MethodInsnNode> region) {
        Deque<List<String>> work = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (MethodInsnNode call : region) {
            work.add(List.of(call.owner + "#" + call.name + call.desc + "@" + call.getOpcode()));
        }
        while (!work.isEmpty()) {
            List<String> path = work.poll();
            String target = path.get(path.size() - 1);
            if (!seen.add(target)) {
                continue;
            }
            String[] parts = target.split("[#@]");
            String owner = parts[0];
            String nameDesc = parts[1];
            int opcode = Integer.parseInt(parts[2]);
            String name = nameDesc.substring(0, nameDesc.indexOf('('));
            String desc = nameDesc.substring(nameDesc.indexOf('('));
            String why = schedulingPoint(owner, name, desc, opcode);
            if (why != null) {
                return String.join(" -> ", path.stream().map(HostMonitorScanTest::shortName).toList()) + ": " + why;
            }
            for (MethodNode m : implementations(owner, name, desc)) {
                for (AbstractInsnNode i : m.instructions) {
                    if (i instanceof MethodInsnNode call) {
                        List<String> next = new ArrayList<>(path);
                        next.add(call.owner + "#" + call.name + call.desc + "@" + call.getOpcode());
                        work.add(next);
                    }
                }
            }
        }
        return null;
    }

    private static String shortName(String target) {
        String s = target.substring(0, target.indexOf('('));
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** @return why calling the method may take a scheduling point, or null when it cannot directly */
    private static String schedulingPoint(String owner, String name, String desc, int opcode) {
        if (SCHEDULING_POINTS.contains(owner + "#" + name)) {
            return "a scheduling point";
        }
        if (!CLASSES.containsKey(owner)) {
            boolean callback = owner.equals("java/lang/Runnable") || owner.startsWith("java/util/function/")
                    || owner.equals("java/util/concurrent/Callable");
            return callback ? "code the scan cannot know (a callback)" : null;
        }
        List<MethodNode> impls = implementations(owner, name, desc);
        if (opcode == Opcodes.INVOKEINTERFACE || (impls.isEmpty() && !inheritedFromJdk(owner, name, desc))) {
            return "code the scan cannot know (an interface or abstract method)";
        }
        for (MethodNode m : impls) {
            ClassNode declaring = declaring(m);
            if (has(declaring.visibleAnnotations, KERNEL_CODE) && !has(declaring.visibleAnnotations, NO_WINDOWS)
                    && !has(m.visibleAnnotations, NO_WINDOWS) && !m.name.equals("<clinit>")) {
                return "@KernelCode, where line windows are woven";
            }
            if (m.visibleAnnotations != null && m.visibleAnnotations.stream()
                    .anyMatch(a -> a.desc.startsWith(PROBE) && !a.desc.equals(NO_WINDOWS))) {
                return "a probe, which calls the checker";
            }
        }
        return null;
    }

    /** @return the method as resolved from {@code owner} up its superclasses, and its overrides below */
    private static List<MethodNode> implementations(String owner, String name, String desc) {
        List<MethodNode> out = new ArrayList<>();
        for (String c = owner; c != null && CLASSES.containsKey(c); c = CLASSES.get(c).superName) {
            MethodNode m = method(CLASSES.get(c), name, desc);
            if (m != null) {
                if ((m.access & Opcodes.ACC_ABSTRACT) == 0) {
                    out.add(m);
                }
                break;
            }
        }
        if (!name.equals("<init>")) {
            for (ClassNode sub : CLASSES.values()) {
                if (!sub.name.equals(owner) && extendsFrom(sub, owner)) {
                    MethodNode m = method(sub, name, desc);
                    if (m != null && (m.access & Opcodes.ACC_ABSTRACT) == 0) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    /** @return whether {@code owner} inherits the method from a JDK class rather than declaring it */
    private static boolean inheritedFromJdk(String owner, String name, String desc) {
        String c = owner;
        while (CLASSES.containsKey(c)) {
            if (method(CLASSES.get(c), name, desc) != null) {
                return false;
            }
            c = CLASSES.get(c).superName;
        }
        return c != null;
    }

    private static boolean extendsFrom(ClassNode c, String owner) {
        for (String s = c.superName; s != null; s = CLASSES.containsKey(s) ? CLASSES.get(s).superName : null) {
            if (s.equals(owner)) {
                return true;
            }
        }
        return false;
    }

    private static MethodNode method(ClassNode c, String name, String desc) {
        for (MethodNode m : c.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m;
            }
        }
        return null;
    }

    private static ClassNode declaring(MethodNode m) {
        for (ClassNode c : CLASSES.values()) {
            if (c.methods.contains(m)) {
                return c;
            }
        }
        throw new IllegalStateException("no class declares " + m.name);
    }

    private static boolean has(List<AnnotationNode> annotations, String desc) {
        return annotations != null && annotations.stream().anyMatch(a -> a.desc.equals(desc));
    }
}
