package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reports that read like FreeBSD's (issue 18, items 6–9 and 13–15), one test per item. */
class FreeBsdWordingTest {
    /** One witness.txt header: rule, policy, count, then the quoted lists of threads and CPUs. */
    private static final String QUOTED = "\"(?:[^\"\\\\]|\\\\.)*\"";
    private static final Pattern HEADER = Pattern.compile("# ([A-Z_]+) \\((warn|fail|panic)\\) count=([0-9]+) threads=((?:"
            + QUOTED + "(?:," + QUOTED + ")*)?) cpus=((?:" + QUOTED + "(?:," + QUOTED + ")*)?)");

    @TempDir
    Path dir;

    @Test
    void item6_sleepableAfterNonSleepable_printsTheRecordedOrderAndItsStack() {
        Sim sim = new Sim();
        Sim.Lock m = sim.lock("pipe mutex", LockKind.SLEEP_MUTEX);
        Sim.Lock sx = sim.lock("proctree", LockKind.SX);
        WitnessThread t = sim.thread("t");
        sim.pair(t, sx, m);
        sim.take(t, m, sim.site("pipe.c", 1));
        sim.take(t, sx, sim.site("pipe.c", 2));
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertTrue(f.message().startsWith("lock order reversal: (sleepable after non-sleepable)\n"), f.message());
        assertEquals("lock order proctree -> pipe mutex established at:", f.stacks().get(0).title());
        assertFalse(f.stacks().get(0).frames().isEmpty(), "the recorded order's stack");
        assertEquals("lock order pipe mutex -> proctree attempted at:", f.stacks().get(1).title());
        assertEquals(2, f.stacks().size());
    }

    @Test
    void item6_giantAfterNonSleepable_withoutARecordedOrder_printsOnlyTheAttempt() {
        Sim sim = new Sim();
        Sim.Lock m = sim.lock("proc lock", LockKind.SLEEP_MUTEX);
        Sim.Lock giant = sim.lock("Giant", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, m, 0);
        sim.take(t, giant, 0);
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertTrue(f.message().startsWith("lock order reversal: (Giant after non-sleepable)\n"), f.message());
        assertEquals(List.of("lock order proc lock -> Giant attempted at:"),
                f.stacks().stream().map(Backtrace::title).toList());
    }

    @Test
    void item7_aCvWaitSaysWaitingOn_aSleepSaysSleepingOn() {
        Sim sim = new Sim();
        Sim.Lock a = sim.lock("vm object", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("buf lock", LockKind.SLEEP_MUTEX);
        Sim.Lock cvMutex = sim.lock("cv mutex", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, a, 0);
        sim.take(t, cvMutex, 0);
        sim.w.cvWait(t, "vmpfw", cvMutex.instance, sim.site("vm.c", 3));
        sim.drop(t, cvMutex, 0);
        sim.drop(t, a, 0);
        sim.take(t, b, 0);
        sim.w.sleep(t, "biord", 0, sim.site("bio.c", 4));
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertTrue(all.get(0).message().startsWith("Waiting on \"vmpfw\" with the following non-sleepable locks held:\n"
                + "exclusive sleep mutex vm object r = 0"), all.get(0).message());
        assertTrue(all.get(1).message().startsWith("Sleeping on \"biord\" with the following non-sleepable locks"
                + " held:\n"), all.get(1).message());
    }

    @Test
    @Timeout(30)
    void item8_deadlock_givesEachWaitersSiteStackAndCpu_andLostWakeupItsCpus() throws InterruptedException {
        Sim sim = new Sim(WitnessOptions.builder().frameFilter(List.of("java.", "jdk.")).build());
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("B", LockKind.SLEEP_MUTEX);
        CountDownLatch blocked = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> carriers = new ArrayList<>();
        String[][] spec = {{"t1", "0", "a.c"}, {"t2", "1", "b.c"}};
        for (String[] s : spec) {
            Thread carrier = new Thread(() -> {
                WitnessThread t = sim.thread(s[0]);
                t.at(Integer.parseInt(s[1]), 0, false, true, 0, false, false, false, 0);
                Sim.Lock want = s[0].equals("t1") ? a : b;
                sim.w.checkOrder(t, want.id, want.instance, sim.site(s[2], 7), 0, 0);
                blocked.countDown();
                parkUntil(done);
            }, s[0]);
            carriers.add(carrier);
            carrier.start();
        }
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        for (Thread c : carriers) {
            awaitParked(c);
        }
        try {
            sim.w.deadlock(List.of("A", "B"), List.of("t1", "t2"));
            sim.w.lostWakeup("bufwait", "t1", "t2", 0);
        } finally {
            done.countDown();
            for (Thread c : carriers) {
                c.join();
            }
        }
        Finding d = sim.findings().get(0);
        assertEquals(Rule.DEADLOCK, d.rule());
        assertEquals("deadlock: cycle of waiters:\n thread t1 waits for \"A\" held by thread t2 @ a.c:7 on cpu 0\n"
                + " thread t2 waits for \"B\" held by thread t1 @ b.c:7 on cpu 1", d.message());
        assertEquals(List.of(0, 1), d.cpus());
        assertEquals(List.of("a.c:7", "b.c:7"), d.sites());
        assertEquals(List.of("thread t1 blocked on \"A\" at:", "thread t2 blocked on \"B\" at:"),
                d.stacks().stream().map(Backtrace::title).toList());
        assertTrue(d.stacks().get(0).frames().stream().anyMatch(l -> l.contains("parkUntil")), d.stacks().toString());
        Finding lost = sim.findings().get(1);
        assertEquals(Rule.LOST_WAKEUP, lost.rule());
        assertEquals(List.of(0, 1), lost.cpus());
    }

    /** Waits until {@code c} is in {@link #parkUntil}: past its count-down, so its stack shows the wait. */
    private static void awaitParked(Thread c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (c.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, c.getName() + " never parked");
            Thread.sleep(1);
        }
    }

    private static void parkUntil(CountDownLatch done) {
        while (done.getCount() > 0) {
            LockSupport.parkNanos(1_000_000L);
        }
    }

    @Test
    void item9_aSleepLockWithOnlyInterruptsDisabled_saysInterruptsAreDisabled() {
        Sim sim = new Sim();
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        t.at(0, 0, false, false, 0, false, false, false, 0);
        sim.take(t, m, sim.site("c.c", 2));
        assertEquals("acquiring blockable sleep lock with interrupts disabled (sleep mutex) proc @ c.c:2",
                sim.only(Rule.SLEEP_LOCK_IN_CRITICAL).message());
        Sim inCritical = new Sim();
        Sim.Lock m2 = inCritical.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t2 = inCritical.thread("t");
        t2.at(0, 1, false, false, 0, false, false, false, 0);
        inCritical.take(t2, m2, inCritical.site("c.c", 2));
        assertTrue(inCritical.only(Rule.SLEEP_LOCK_IN_CRITICAL).message()
                .startsWith("acquiring blockable sleep lock with spinlock or critical section held"));
    }

    @Test
    void item11_aStackShowsTheBoundaryLineAtTheHandlersEntry_andItem12_stacksMayKeepMoreThanSites() {
        String me = FreeBsdWordingTest.class.getName();
        FrameBoundaries atDeliver = (cls, method, k) -> cls.equals(me) && method.equals("deliver")
                ? "--- interrupt 5 (nic) ---" : null;
        List<String> tools = new ArrayList<>(List.of("java.", "jdk.", "org.junit."));
        for (String c : List.of("StackCapture", "Witness", "HoldRules", "Dispatch", "EventGuard", "Sim", "KindRules")) {
            tools.add("org.lockwitness.witness." + c);
        }
        List<String> sitesSkip = new ArrayList<>(tools);
        sitesSkip.add(me + "$Handler");
        Sim sim = new Sim(WitnessOptions.builder().boundaries(atDeliver).frameFilter(sitesSkip).stackFilter(tools)
                .build());
        Sim.Lock m = sim.lock("m", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        deliver(() -> Handler.filter(sim, t, m));
        Finding f = sim.only(Rule.RELEASE_NOT_OWNED);
        List<String> frames = f.stacks().get(0).frames();
        int filter = indexOf(frames, me + "$Handler.filter(");
        int boundary = frames.indexOf("--- interrupt 5 (nic) ---");
        int test = indexOf(frames, me + ".item11_");
        assertTrue(filter >= 0 && filter < boundary && boundary < test, frames.toString());
        assertEquals(-1, indexOf(frames, me + ".deliver("), "the boundary replaces its own frame: " + frames);
        assertTrue(f.sites().get(0).startsWith("FreeBsdWordingTest.java:"),
                "sites leave out what stacks keep: " + f.sites());
    }

    private static void deliver(Runnable handler) {
        handler.run();
    }

    /** A handler whose frames the stacks keep and the sites leave out. */
    private static final class Handler {
        static void filter(Sim sim, WitnessThread t, Sim.Lock m) {
            sim.drop(t, m, 0);
        }
    }

    private static int indexOf(List<String> frames, String part) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void item13_stacksZero_printsNoEstablishedOrAttemptedHeading() throws IOException {
        Sim sim = new Sim(WitnessOptions.builder().stackDepth(0).reportDir(dir).debounceMillis(0).build());
        Sim.Lock a = sim.lock("a", LockKind.SLEEP_MUTEX);
        Sim.Lock b = sim.lock("b", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.pair(t, a, b);
        sim.take(t, b, sim.site("x.c", 1));
        sim.take(t, a, sim.site("x.c", 2));
        assertEquals(List.of(), sim.only(Rule.LOCK_ORDER_REVERSAL).stacks());
        sim.w.writeReports();
        sim.w.close();
        String text = Files.readString(dir.resolve("witness.txt"), StandardCharsets.UTF_8);
        assertFalse(text.contains("established at:"), text);
        assertFalse(text.contains("attempted at:"), text);
        assertFalse(text.contains(" missing"), text);
        assertTrue(text.contains("lock order reversal:\n 1st "), text);
    }

    @Test
    void item14_aDeclaredChainJoiningSpinAndSleep_isAKindMismatchNamingTheLine() throws WitnessConfigException {
        WitnessConfig config = WitnessConfig.parse("# spin and sleep\norder: sched lock -> proc\n", "my.conf");
        Sim sim = new Sim(WitnessOptions.builder().config(config).build());
        sim.lock("proc", LockKind.SLEEP_MUTEX);
        sim.silent();
        sim.lock("sched lock", LockKind.SPIN_MUTEX);
        Finding f = sim.only(Rule.KIND_MISMATCH);
        assertEquals("declared lock order at my.conf:2 joins spin mutex sched lock and sleep mutex proc: lock types"
                + " differ", f.message());
        assertEquals(List.of("my.conf:2"), f.sites());
    }

    @Test
    void item14_aReversalOfADeclaredOrder_saysWhereItWasDeclared() throws WitnessConfigException {
        WitnessConfig config = WitnessConfig.parse("\n\norder: A -> B -> C\n", "my.conf");
        Sim sim = new Sim(WitnessOptions.builder().config(config).build());
        Sim.Lock a = sim.lock("A", LockKind.SLEEP_MUTEX);
        Sim.Lock c = sim.lock("C", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, c, sim.site("x.c", 1));
        sim.take(t, a, sim.site("x.c", 2));
        Finding f = sim.only(Rule.LOCK_ORDER_REVERSAL);
        assertEquals(List.of("lock order A -> B declared at my.conf:3", "lock order B -> C declared at my.conf:3",
                "lock order C -> A attempted at:"), f.stacks().stream().map(Backtrace::title).toList());
    }

    @Test
    void item15_headerValuesAreQuotedAndParseBack() throws IOException {
        Sim sim = new Sim(WitnessOptions.builder().reportDir(dir).debounceMillis(0).build());
        Sim.Lock m = sim.lock("m", LockKind.SLEEP_MUTEX);
        String odd = "swi4: clock, \"fast\" \\ one";
        WitnessThread t = sim.w.thread(1, odd);
        t.at(3, 0, false, true, 0, false, false, false, 0);
        sim.drop(t, m, sim.site("w.c", 7));
        sim.w.writeReports();
        sim.w.close();
        List<String> headers = Files.readAllLines(dir.resolve("witness.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("# RELEASE_NOT_OWNED")).toList();
        assertEquals(1, headers.size(), headers::toString);
        assertEquals("# RELEASE_NOT_OWNED (warn) count=1 threads=\"swi4: clock, \\\"fast\\\" \\\\ one\" cpus=\"3\"",
                headers.get(0));
        Matcher h = HEADER.matcher(headers.get(0));
        assertTrue(h.matches(), headers.get(0));
        assertEquals(List.of(odd), unquote(h.group(4)));
        assertEquals(List.of("3"), unquote(h.group(5)));
    }

    /** The values of a header list: quoted strings separated by commas, backslash escapes undone. */
    private static List<String> unquote(String list) {
        List<String> values = new ArrayList<>();
        Matcher v = Pattern.compile(QUOTED).matcher(list);
        while (v.find()) {
            String q = v.group();
            values.add(q.substring(1, q.length() - 1).replaceAll("\\\\(.)", "$1"));
        }
        return values;
    }
}
