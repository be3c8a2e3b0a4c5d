package org.lockwitness.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lockwitness.kernel.probe.KernelCode;

/**
 * Every public primitive method of the model (public methods and constructors of the public
 * {@code @KernelCode} classes, and of {@link Sched}) carries a probe annotation, or is listed here with
 * the reason it needs none.
 */
class ProbeCoverageTest {

    private static final Map<String, String> NEEDS_NONE = Map.ofEntries(
            Map.entry("Spinlock.enter", "composed of Intr.disable and Critical.enter, whose probes fire"),
            Map.entry("Spinlock.exit", "composed of Critical.exit and Intr.restore, whose probes fire"),
            Map.entry("Intr.enabled", "a query; the interrupt state is in every snapshot"),
            Map.entry("Synch.wakeup", "a wakeup has no lock-order or context rule; lost wakeups are detected by the model"),
            Map.entry("Synch.wakeupOne", "as Synch.wakeup"),
            Map.entry("Smp.rendezvous", "observed through @RendezvousEnter/@RendezvousExit and the probes of the spin mutex it holds"),
            Map.entry("Smp.rendezvousCpus", "as Smp.rendezvous"),
            Map.entry("Sched.pin", "pinning is read from every snapshot"),
            Map.entry("Sched.unpin", "pinning is read from every snapshot"),
            Map.entry("Sched.bind", "binding is read from every snapshot; its switch carries @Switch"),
            Map.entry("Sched.unbind", "binding is read from every snapshot"),
            Map.entry("Sched.yield", "its mi_switch carries @Switch"),
            Map.entry("Mtx.owned", "a query (mtx_owned) with no effect"),
            Map.entry("Mtx.destroy", "its checks come first (a recursed or contested owner panics unseen, as the MPASS);"
                    + " then the private lock_destroy carries @LockDestroy"),
            Map.entry("Synch.tsleepInterlock", "queues the thread without sleeping; the tsleep that follows carries @Sleep"),
            Map.entry("Token.*", "tokens cannot deadlock: their acquire and release are not lock-order events (DESIGN.md)"),
            Map.entry("Serializer.handlerCall", "composed of enter and exit, whose probes fire"),
            Map.entry("Serializer.handlerDisable", "a handler flag, not lock state"),
            Map.entry("Serializer.handlerEnable", "a handler flag, not lock state"),
            Map.entry("Serializer.serialized", "a query (IS_SERIALIZED) with no effect"),
            Map.entry("Callout.*", "not a lock: observed through the probes of the spin mutex \"callout\", the callout's mutex or Giant, and its sleeps"),
            Map.entry("Taskqueue.*", "not a lock: observed through the probes of its mutex and its sleeps"),
            Map.entry("Pcpu.<init>", "construction; the access carries @PcpuAccess"),
            Map.entry("Pcpu.name", "an identity accessor"),
            Map.entry("Sx.xlocked", "a query (sx_xlocked) with no effect"),
            Map.entry("Rw.wowned", "a query (rw_wowned) with no effect"),
            Map.entry("RmLock.wowned", "a query (rm_wowned) with no effect"),
            Map.entry("LockMgr.lock", "a dispatcher: each operation is a package-private method with its own probe"),
            Map.entry("LockMgr.withTokenInterlock", "a factory; the constructor it calls carries @LockInit"),
            Map.entry("LockMgr.lockstatus", "a query (lockstatus) with no effect"),
            Map.entry("Cv.<init>", "not a lock: a condition variable has no witness state"),
            Map.entry("Cv.signal", "wakeup_one on the cv, as Synch.wakeupOne"),
            Map.entry("Cv.wait", "delegates to cvWait, whose @Sleep carries the interlock and the description"),
            Map.entry("Cv.timedWait", "as Cv.wait"),
            Map.entry("Cv.broadcast", "wakeup on the cv, as Synch.wakeup"));

    @Test
    void every_public_primitive_method_has_a_probe_or_a_reason() throws Exception {
        List<String> missing = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Class<?> c : primitiveClasses()) {
            List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
            members.addAll(List.of(c.getDeclaredConstructors()));
            for (Executable e : members) {
                if (!Modifier.isPublic(e.getModifiers()) || e.isSynthetic()) {
                    continue;
                }
                String key = c.getSimpleName() + "." + (e instanceof java.lang.reflect.Constructor ? "<init>" : e.getName());
                seen.add(key);
                if (!hasProbe(e) && !NEEDS_NONE.containsKey(key)
                        && !NEEDS_NONE.containsKey(c.getSimpleName() + ".*")) {
                    missing.add(key);
                }
            }
        }
        assertTrue(seen.contains("Mtx.lock") && seen.contains("Critical.exit"), seen::toString);
        assertEquals(List.of(), missing, "public primitives without a probe annotation or a listed reason");
        for (String exempt : NEEDS_NONE.keySet()) {
            String prefix = exempt.endsWith(".*") ? exempt.substring(0, exempt.length() - 1) : null;
            assertTrue(prefix != null ? seen.stream().anyMatch(k -> k.startsWith(prefix)) : seen.contains(exempt),
                    "stale exemption " + exempt);
        }
    }

    private static boolean hasProbe(Executable e) {
        for (Annotation a : e.getAnnotations()) {
            if (a.annotationType().getPackageName().equals("org.lockwitness.kernel.probe")) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> primitiveClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Machine.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/lockwitness/kernel");
        List<Class<?>> classes = new ArrayList<>();
        classes.add(Sched.class);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (!n.endsWith(".class") || n.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("org.lockwitness.kernel." + n.substring(0, n.length() - 6));
                if (Modifier.isPublic(c.getModifiers()) && c.isAnnotationPresent(KernelCode.class)) {
                    classes.add(c);
                }
            }
        }
        return classes;
    }
}
