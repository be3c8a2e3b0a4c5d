package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cycle filters of Java locks ({@link CycleFilter}): each qualifies a reversal it explains
 * (policy WARN, the reason in the message), each switch turned off makes it fail again, and the
 * first evidence against a filter makes the finding fail.
 */
class CycleFiltersTest {

    private long nextTid = 100;

    private static WitnessOptions.Builder failing() {
        return WitnessOptions.builder().policy(Rule.LOCK_ORDER_REVERSAL, Policy.FAIL);
    }

    private static Sim sim(CycleFilter... off) {
        WitnessOptions.Builder b = failing();
        for (CycleFilter f : off) {
            b.cycleFilter(f, false);
        }
        return new Sim(b.build());
    }

    private WitnessThread thread(Sim sim, String name) {
        return sim.w.javaThread(nextTid++, name);
    }

    private static Sim.Lock lock(Sim sim, String name) {
        return sim.lock(name, LockKind.JAVA_LOCK, LockFlags.RECURSE);
    }

    private static Finding qualified(Sim sim, CycleFilter filter) {
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(filter, f.qualifier(), f.toString());
        assertEquals(Policy.WARN, f.policy(), f.toString());
        assertTrue(f.message().contains("not failing (" + filter.label() + ")"), f.message());
        assertFalse(sim.w.hasFailures(), f.toString());
        return f;
    }

    private static void failed(Sim sim) {
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertNull(f.qualifier(), f.toString());
        assertEquals(Policy.FAIL, f.policy(), f.toString());
        assertFalse(f.message().contains("not failing"), f.message());
        assertTrue(sim.w.hasFailures(), f.toString());
    }

    @Test
    void singleThread_abba_isQualified_namingTheThread_andFailsWithTheSwitchOff() {
        Sim sim = sim();
        WitnessThread t = thread(sim, "solo");
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        sim.pair(t, a, b);
        sim.pair(t, b, a);
        assertTrue(qualified(sim, CycleFilter.SINGLE_THREAD).message().contains("\"solo\""));

        Sim off = sim(CycleFilter.SINGLE_THREAD);
        WitnessThread u = thread(off, "solo");
        Sim.Lock c = lock(off, "A");
        Sim.Lock d = lock(off, "B");
        off.pair(u, c, d);
        off.pair(u, d, c);
        failed(off);
    }

    @Test
    void singleThread_aSecondThreadTakingAKnownOrder_onTheFastPath_makesItFail() {
        Sim sim = sim();
        WitnessThread t = thread(sim, "first");
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        sim.pair(t, a, b);
        sim.pair(t, a, b);
        sim.pair(t, b, a);
        qualified(sim, CycleFilter.SINGLE_THREAD);
        sim.pair(thread(sim, "second"), a, b);
        failed(sim);
    }

    @Test
    void singleThread_aSecondThreadTakingTheClosingOrder_makesItFail() {
        Sim sim = sim();
        WitnessThread t = thread(sim, "first");
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        sim.pair(t, a, b);
        sim.pair(t, b, a);
        sim.pair(t, b, a);
        qualified(sim, CycleFilter.SINGLE_THREAD);
        sim.pair(thread(sim, "second"), b, a);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertTrue(f.threads().contains("second"), f.toString());
        failed(sim);
    }

    @Test
    void twoThreads_abba_isNotQualified() {
        Sim sim = sim();
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        sim.pair(thread(sim, "one"), a, b);
        sim.pair(thread(sim, "two"), b, a);
        failed(sim);
    }

    @Test
    void gateLock_heldAtEveryOrder_isQualified_namingTheGate_andFailsWithTheSwitchOff() {
        for (boolean on : new boolean[] {true, false}) {
            Sim sim = on ? sim() : sim(CycleFilter.GATE_LOCK);
            Sim.Lock g = lock(sim, "Gate");
            Sim.Lock a = lock(sim, "A");
            Sim.Lock b = lock(sim, "B");
            WitnessThread one = thread(sim, "one");
            WitnessThread two = thread(sim, "two");
            sim.take(one, g, 0);
            sim.pair(one, a, b);
            sim.drop(one, g, 0);
            sim.take(two, g, 0);
            sim.pair(two, b, a);
            sim.drop(two, g, 0);
            if (on) {
                assertTrue(qualified(sim, CycleFilter.GATE_LOCK).message().contains("gate lock \"Gate\""));
            } else {
                failed(sim);
            }
        }
    }

    @Test
    void gateLock_anOrderTakenOnceWithoutTheGate_makesItFail() {
        Sim sim = sim();
        Sim.Lock g = lock(sim, "Gate");
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        WitnessThread one = thread(sim, "one");
        WitnessThread two = thread(sim, "two");
        sim.take(one, g, 0);
        sim.pair(one, a, b);
        sim.drop(one, g, 0);
        sim.take(two, g, 0);
        sim.pair(two, b, a);
        sim.drop(two, g, 0);
        qualified(sim, CycleFilter.GATE_LOCK);
        sim.pair(one, a, b);
        failed(sim);
    }

    @Test
    void gateLock_twoInstancesOfTheGateClass_areNoCommonGate() {
        Sim sim = sim();
        Sim.Lock g1 = lock(sim, "Gate");
        Sim.Lock g2 = sim.new Lock("Gate", g1.id);
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        WitnessThread one = thread(sim, "one");
        WitnessThread two = thread(sim, "two");
        sim.take(one, g1, 0);
        sim.pair(one, a, b);
        sim.drop(one, g1, 0);
        sim.take(two, g2, 0);
        sim.pair(two, b, a);
        sim.drop(two, g2, 0);
        failed(sim);
    }

    @Test
    void startJoin_theFirstJoinedBeforeTheSecondStarted_isQualified_andFailsWithTheSwitchOff() {
        for (boolean on : new boolean[] {true, false}) {
            Sim sim = on ? sim() : sim(CycleFilter.START_JOIN);
            Sim.Lock a = lock(sim, "A");
            Sim.Lock b = lock(sim, "B");
            WitnessThread main = thread(sim, "main");
            long firstTid = nextTid++;
            sim.w.threadStart(main, firstTid);
            sim.pair(sim.w.javaThread(firstTid, "first"), a, b);
            sim.w.threadJoin(main, firstTid);
            long secondTid = nextTid++;
            sim.w.threadStart(main, secondTid);
            sim.pair(sim.w.javaThread(secondTid, "second"), b, a);
            if (on) {
                assertTrue(qualified(sim, CycleFilter.START_JOIN).message()
                        .contains("thread \"first\" joined before thread \"second\" started"));
            } else {
                failed(sim);
            }
        }
    }

    @Test
    void startJoin_twoThreadsStartedTogether_andJoinedAfter_canOverlap() {
        Sim sim = sim();
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        WitnessThread main = thread(sim, "main");
        long one = nextTid++;
        long two = nextTid++;
        sim.w.threadStart(main, one);
        sim.w.threadStart(main, two);
        sim.pair(sim.w.javaThread(one, "one"), a, b);
        sim.pair(sim.w.javaThread(two, "two"), b, a);
        sim.w.threadJoin(main, one);
        sim.w.threadJoin(main, two);
        failed(sim);
    }

    @Test
    void startJoin_anOrderOfTheParentBeforeTheStart_isQualified_untilTheParentTakesItAgainAfterTheStart() {
        Sim sim = sim();
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        WitnessThread main = thread(sim, "main");
        sim.pair(main, a, b);
        long child = nextTid++;
        sim.w.threadStart(main, child);
        sim.pair(sim.w.javaThread(child, "child"), b, a);
        qualified(sim, CycleFilter.START_JOIN);
        sim.pair(main, a, b);
        failed(sim);
    }

    @Test
    void readRead_noWriteSeen_isQualified_untilAWrite_andFailsWithTheSwitchOff() {
        for (boolean on : new boolean[] {true, false}) {
            Sim sim = on ? sim() : sim(CycleFilter.READ_READ);
            Sim.Lock a = sim.lock("Cache.a", LockKind.JAVA_RW, LockFlags.RECURSE);
            Sim.Lock b = sim.lock("Cache.b", LockKind.JAVA_RW, LockFlags.RECURSE);
            WitnessThread one = thread(sim, "one");
            WitnessThread two = thread(sim, "two");
            readPair(sim, one, a, b);
            readPair(sim, two, b, a);
            if (!on) {
                failed(sim);
                continue;
            }
            assertTrue(qualified(sim, CycleFilter.READ_READ).message().contains("no write acquire"));
            sim.take(one, b, 0);
            sim.drop(one, b, 0);
            failed(sim);
        }
    }

    private static void readPair(Sim sim, WitnessThread t, Sim.Lock first, Sim.Lock second) {
        sim.take(t, first, 0, OpFlags.SHARED);
        sim.take(t, second, 0, OpFlags.SHARED);
        sim.drop(t, second, 0, OpFlags.SHARED);
        sim.drop(t, first, 0, OpFlags.SHARED);
    }

    @Test
    void instanceOrders_inOneThread_areQualified_andInTwoThreadsFail() {
        Sim sim = sim();
        Sim.Lock a = sim.lock("Account", LockKind.JAVA_MONITOR, LockFlags.RECURSE);
        Sim.Lock b = sim.new Lock("Account", a.id);
        WitnessThread t = thread(sim, "solo");
        sim.pair(t, a, b);
        sim.pair(t, b, a);
        sim.pair(t, b, a);
        assertEquals(1, qualified(sim, CycleFilter.SINGLE_THREAD).count());
        sim.pair(thread(sim, "other"), b, a);
        failed(sim);
    }

    @Test
    void kernelLocks_keepFreeBsdsBehaviour_evenInOneThread() {
        Sim sim = sim();
        Sim.Lock a = sim.lock("a", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("b", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("kthread");
        sim.pair(t, a, b);
        sim.pair(t, b, a);
        failed(sim);
    }

    @Test
    void afterAReset_aSecondThreadTakingAKnownOrder_isStillSeen() {
        Sim sim = sim();
        WitnessThread one = thread(sim, "one");
        WitnessThread two = thread(sim, "two");
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        sim.pair(one, a, b);
        sim.pair(two, a, b);
        sim.w.reset();
        sim.pair(one, a, b);
        sim.pair(two, a, b);
        sim.pair(one, b, a);
        failed(sim);
    }

    @Test
    void aJavaThreadRepeatingAKnownOrder_withTheFiltersOn_allocatesNoMoreThanWithThemOff() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        long off = allocated(mx, sim(CycleFilter.values()));
        long on = allocated(mx, sim());
        assertTrue(on < off + 1024, "known-order pairs allocated " + on + " bytes with the filters on, " + off
                + " with them off, over 200000 rounds");
    }

    /** The bytes a Java thread allocates taking a known order 200000 times, after as many to warm up. */
    private long allocated(com.sun.management.ThreadMXBean mx, Sim sim) {
        WitnessThread t = thread(sim, "loop");
        Sim.Lock a = lock(sim, "A");
        Sim.Lock b = lock(sim, "B");
        for (int i = 0; i < 200_000; i++) {
            sim.pair(t, a, b);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++) {
            sim.pair(t, a, b);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        sim.silent();
        return allocated;
    }

    @Test
    void theQualifier_isInWitnessJson(@TempDir Path dir) throws Exception {
        Sim sim = new Sim(failing().reportDir(dir).build());
        WitnessThread t = thread(sim, "solo");
        Sim.Lock a = lock(sim, "A\"quoted");
        Sim.Lock b = lock(sim, "B");
        sim.pair(t, a, b);
        sim.pair(t, b, a);
        sim.w.close();
        sim.w.writeReports();
        String json = Files.readString(dir.resolve("witness.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"qualifier\": \"single-thread\""), json);
        assertTrue(json.contains("\"policy\": \"WARN\""), json);
    }
}
