package org.lockwitness.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lockwitness.witness.LockKind;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;
import org.lockwitness.witness.WitnessThread;

/** The test registry's attribution rules and the API's JDK-only surface. */
@Timeout(30)
class TestRegistryTest {

    @Test
    void api_showsOnlyJdkTypes() {
        List<String> foreign = new ArrayList<>();
        for (Method m : LockwitnessApi.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
                types.add(m.getGenericReturnType());
                for (Type t : types) {
                    String name = t.getTypeName();
                    if (!name.matches("(int|boolean|void|java\\.[a-z.]+\\.[A-Za-z]+(<.*>)?)")
                            || name.contains("lockwitness")) {
                        foreign.add(m.getName() + ": " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign);
        assertTrue(LockwitnessApi.class.getConstructors().length == 0, "static methods only");
    }

    @Test
    void testThread_andThreadsItStarts_getTheTest_aForeignThreadTheOnlyRunningOne() throws Exception {
        TestRegistry r = new TestRegistry(false);
        AtomicReference<String> pooled = new AtomicReference<>();
        Thread pool = foreign(r, pooled);
        r.started("[method:a()]", "ATest.a()");
        assertEquals("ATest.a()", r.get());
        assertEquals("ATest.a()", on(r), "a child inherits its creator's test");
        run(pool);
        assertEquals("ATest.a()", pooled.get(), "a thread of no test: the only test running");
        r.finished("[method:a()]");
        assertNull(r.get(), "nothing runs");
    }

    @Test
    void parallelTests_keepTheirOwnThreads_andAForeignThreadIsUnknown() throws Exception {
        TestRegistry r = new TestRegistry(false);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<String> inOther = new AtomicReference<>();
        Thread other = new Thread(() -> {
            r.started("[method:b()]", "BTest.b()");
            started.countDown();
            try {
                done.await(10, TimeUnit.SECONDS);
                inOther.set(r.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            r.finished("[method:b()]");
        });
        AtomicReference<String> unknown = new AtomicReference<>();
        Thread stranger = foreign(r, unknown);
        other.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        r.started("[method:a()]", "ATest.a()");
        assertEquals("ATest.a()", r.get());
        assertEquals("ATest.a()", on(r));
        run(stranger);
        assertEquals("unknown (2 tests running)", unknown.get());
        done.countDown();
        other.join();
        assertEquals("BTest.b()", inOther.get());
        r.finished("[method:a()]");
    }

    @Test
    void aChildThatOutlivesItsTest_isNoLongerCharged() throws Exception {
        TestRegistry r = new TestRegistry(false);
        r.started("[method:a()]", "ATest.a()");
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<String> seen = new AtomicReference<>("not run");
        Thread child = new Thread(() -> {
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.set(r.get());
        });
        child.start();
        r.finished("[method:a()]");
        r.started("[method:c()]", "CTest.c()");
        go.countDown();
        child.join();
        assertEquals("CTest.c()", seen.get(), "its test ended: the only test running now");
        r.finished("[method:c()]");
    }

    @Test
    void finished_handsEachNewFindingToItsTestOnce_withJdkValues() {
        TestRegistry r = new TestRegistry(true);
        Witness w = Witness.create(WitnessOptions.builder().attribution(r).build());
        r.install(w);
        r.started("[method:abba()]", "AbbaTest.abba()");
        int a = w.enroll("A", LockKind.SLEEP_MUTEX, 0);
        int b = w.enroll("B", LockKind.SLEEP_MUTEX, 0);
        WitnessThread t = w.thread(1, "t");
        pair(w, t, a, 1, b, 2);
        pair(w, t, b, 3, a, 4);
        List<Map<String, String>> found = r.finished("[method:abba()]");
        assertEquals(1, found.size(), found.toString());
        Map<String, String> f = found.get(0);
        assertEquals("LOCK_ORDER_REVERSAL", f.get("rule"));
        assertEquals("LOCK_ORDER_REVERSAL|lock=A (sleep mutex)|lock=B (sleep mutex)", f.get("key"));
        assertEquals("WARN", f.get("policy"));
        assertEquals("AbbaTest.abba()", f.get("test"));
        assertTrue(f.get("message").startsWith("lock order reversal:"), f.get("message"));
        r.started("[method:abba()]", "AbbaTest.abba()");
        pair(w, t, b, 3, a, 4);
        assertEquals(List.of(), r.finished("[method:abba()]"), "a rerun under the same id: nothing new");
        assertTrue(r.failRulesGiven());
    }

    private static void pair(Witness w, WitnessThread t, int first, long i1, int second, long i2) {
        int s1 = w.site("T.java", (int) i1, "T.m");
        int s2 = w.site("T.java", (int) i2 + 10, "T.m");
        w.checkOrder(t, first, i1, s1, 0, 0);
        w.acquired(t, first, i1, s1, 0);
        w.checkOrder(t, second, i2, s2, 0, 0);
        w.acquired(t, second, i2, s2, 0);
        w.release(t, second, i2, s2, 0);
        w.release(t, first, i1, s1, 0);
    }

    /** What {@code r} names on a thread created now, by this thread. */
    private static String on(Supplier<String> r) throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread child = new Thread(() -> seen.set(r.get()));
        child.start();
        child.join();
        return seen.get();
    }

    /** A thread created now, on a thread of no test, that will store what {@code r} names. */
    private static Thread foreign(TestRegistry r, AtomicReference<String> seen) {
        return new Thread(() -> seen.set(r.get()));
    }

    private static void run(Thread t) throws InterruptedException {
        t.start();
        t.join();
    }
}
