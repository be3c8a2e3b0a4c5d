package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Witness#javaDeadlock}: the deadlock watchdog's report of Java threads, read from their handles. */
class JavaDeadlockTest {

    private final Sim sim = new Sim();

    @Test
    void message_listsEachWaitersBlockingSite_thenWhatEachHoldsAndWhere() {
        assertEquals("deadlock: cycle of waiters:\n thread t1 waits for \"B\" held by thread t2 @ a.java:3\n"
                + " thread t2 waits for \"A\" held by thread t1 @ b.java:4\n"
                + " thread t1 holds:\n  exclusive Java lock A r = 0 (0x1) locked @ a.java:1\n"
                + " thread t2 holds:\n  exclusive Java lock B\\u2028 r = 0 (0x2) locked @ b.java:2",
                ContextMessages.javaDeadlock(List.of("B", "A"), List.of("t1", "t2"), List.of("a.java:3", "b.java:4"),
                        List.of(List.of(Messages.listLock(true, "Java lock", "A", 0, 1, "a.java:1")),
                                List.of(Messages.listLock(true, "Java lock", "B\u2028", 0, 2, "b.java:2")))));
    }

    @Test
    void twoJavaThreadsBlockedOnEachOthersLock_areOneDeadlock_withTheSitesOfTheirHoldsAndWaits() {
        Sim.Lock a = sim.lock("A", LockKind.JAVA_LOCK, LockFlags.RECURSE);
        Sim.Lock b = sim.lock("B", LockKind.JAVA_LOCK, LockFlags.RECURSE);
        // two unnamed threads: the handles, not the names, say who is who
        WitnessThread t1 = sim.w.javaThread(21, "");
        WitnessThread t2 = sim.w.javaThread(22, "");
        sim.take(t1, a, sim.site("A.java", 1));
        sim.take(t2, b, sim.site("B.java", 2));
        sim.w.checkOrder(t1, b.id, b.instance, sim.site("A.java", 3), 0, 0);
        sim.w.checkOrder(t2, a.id, a.instance, sim.site("B.java", 4), 0, 0);

        sim.w.javaDeadlock(List.of("B", "A"), List.of(t1, t2), List.of(), new long[0]);
        sim.w.javaDeadlock(List.of("A", "B"), List.of(t2, t1), List.of(), null);

        List<Finding> deadlocks = sim.findings().stream().filter(f -> f.rule() == Rule.DEADLOCK).toList();
        assertEquals(1, deadlocks.size(), "one finding per lock set: " + sim.findings());
        Finding f = deadlocks.get(0);
        assertEquals(List.of("B", "A"), f.locks());
        assertTrue(f.sites().containsAll(List.of("A.java:1", "A.java:3", "B.java:2", "B.java:4")), f.sites()::toString);
        String m = f.message();
        assertTrue(m.contains("waits for \"B\" held by thread  @ A.java:3"), m);
        assertTrue(m.contains("waits for \"A\" held by thread  @ B.java:4"), m);
        assertTrue(m.indexOf("A r = 0") < m.indexOf("B r = 0"), m);
        assertTrue(m.contains("locked @ A.java:1") && m.contains("locked @ B.java:2"), m);
        assertEquals(2, f.stacks().size(), f.stacks()::toString);
    }

    @Test
    void aWaiterBlockedWhereItSaidNothing_isShownAtTheSiteGiven_notAtItsLatestOrderCheck() {
        Sim.Lock a = sim.lock("A", LockKind.JAVA_MONITOR, LockFlags.RECURSE);
        Sim.Lock b = sim.lock("B", LockKind.JAVA_MONITOR, LockFlags.RECURSE);
        WitnessThread t1 = sim.w.javaThread(31, "t1");
        WitnessThread t2 = sim.w.javaThread(32, "t2");
        sim.take(t1, a, sim.site("A.java", 1));
        sim.take(t2, b, sim.site("B.java", 2));
        sim.w.javaDeadlock(List.of("B", "A"), List.of(t1, t2), Arrays.asList("B.java:9", null), new long[] {0L});
        Finding f = sim.only(Rule.DEADLOCK);
        assertTrue(f.message().contains("waits for \"B\" held by thread t2 @ B.java:9"), f.message());
        assertTrue(f.message().contains("waits for \"A\" held by thread t1 @ B.java:2"), f.message());
        assertTrue(f.sites().contains("B.java:9"), f.sites()::toString);
    }

    @Test
    void aMonitorToldHeldBeforeItsThreadBlockedEnteringIt_isTheWait_notAHold() {
        Sim.Lock a = sim.lock("A", LockKind.JAVA_MONITOR, LockFlags.RECURSE);
        Sim.Lock b = sim.lock("B", LockKind.JAVA_MONITOR, LockFlags.RECURSE);
        WitnessThread t1 = sim.w.javaThread(41, "t1");
        WitnessThread t2 = sim.w.javaThread(42, "t2");
        sim.take(t1, a, sim.site("A.java", 1));
        sim.take(t2, b, sim.site("B.java", 2));
        sim.take(t1, b, sim.site("A.java", 3));
        sim.take(t2, a, sim.site("B.java", 4));
        sim.w.javaDeadlock(List.of("B", "A"), List.of(t1, t2), List.of(), new long[] {b.instance, a.instance});
        List<Finding> deadlocks = sim.findings().stream().filter(f -> f.rule() == Rule.DEADLOCK).toList();
        assertEquals(1, deadlocks.size(), sim.findings()::toString);
        String m = deadlocks.get(0).message();
        assertTrue(m.contains("locked @ A.java:1") && m.contains("locked @ B.java:2"), m);
        assertTrue(m.contains("waits for \"B\" held by thread t2 @ A.java:3"), m);
        assertTrue(!m.contains("locked @ A.java:3") && !m.contains("locked @ B.java:4"), "the awaited monitors: " + m);
    }
}
