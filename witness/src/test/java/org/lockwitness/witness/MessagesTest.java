package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The exact wording of every finding message and trace heading the witness writes, in both classes that hold them:
 * {@link Messages} (the locks' rules) and {@link ContextMessages} (the context rules and the machine's events).
 */
class MessagesTest {

    @Test
    void cycleFilterQualifiers() {
        assertEquals("not failing (single-thread): every order of this cycle was taken by thread \"t1\" only,"
                + " which cannot deadlock with itself", Messages.filterSingleThread("t1"));
        assertEquals("not failing (gate-lock): guarded by gate lock \"G\", held at every acquire that took an"
                + " order of this cycle", Messages.filterGate("G"));
        assertEquals("not failing (start-join): cannot overlap: thread \"a\" joined before thread \"b\" started"
                + " (or took its order before starting it), by Thread.start and Thread.join",
                Messages.filterStartJoin("a", "b"));
        assertEquals("not failing (read-read): every lock of this cycle was only ever read; no write acquire of"
                + " any of them was seen, and readers block each other only behind a waiting writer",
                Messages.filterReadRead());
    }

    @Test
    void headingsAndPointer() {
        assertEquals("stack backtrace:", Messages.STACK_BACKTRACE);
        assertEquals("exception:", Messages.EXCEPTION);
        assertEquals("0x1a2b", Messages.pointer(0x1a2b));
    }

    @Test
    void lockOrderReversal_headerLinesAndStackHeadings() {
        assertEquals("lock order reversal:", Messages.lorHeader(null));
        assertEquals("lock order reversal: (sleepable after non-sleepable)",
                Messages.lorHeader(Messages.SLEEPABLE_AFTER_NON_SLEEPABLE));
        assertEquals("lock order reversal: (Giant after non-sleepable)",
                Messages.lorHeader(Messages.GIANT_AFTER_NON_SLEEPABLE));
        assertEquals(List.of("1st", "2nd", "3rd"), List.of(Messages.ordinal(0), Messages.ordinal(1),
                Messages.ordinal(2)));
        assertEquals(" 2nd 0x100 sigio lock (sigio lock, sleep mutex) @ kern_b.c:201",
                Messages.lorLine("2nd", 0x100, "sigio lock", "sleep mutex", "kern_b.c:201"));
        assertEquals("lock order A -> B established at:", Messages.established("A", "B"));
        assertEquals("lock order B -> A attempted at:", Messages.attempted("B", "A"));
        assertEquals("lock order data A -> B missing", Messages.missing("A", "B"));
        assertEquals("lock order A -> B declared at lockwitness.conf:3", Messages.declared("A", "B",
                "lockwitness.conf:3"));
        assertEquals("declared lock order at w.conf:2 joins spin mutex sched lock and sleep mutex proc: lock types"
                + " differ", Messages.mixedOrder("w.conf:2", "sched lock", "spin mutex", "proc", "sleep mutex"));
    }

    @Test
    void duplicateLockType() {
        assertEquals("acquiring duplicate lock of same type: \"vnode interlock\"\n 1st vnode interlock @ vfs.c:1\n"
                + " 2nd vnode interlock @ vfs.c:2", Messages.duplicate("vnode interlock", "vfs.c:1", "vfs.c:2"));
    }

    @Test
    void recursion_perKind_andInAConflictingMode() {
        assertEquals("read lock of StampedLock m @ s.c:2\nwhile this thread holds it for reading from s.c:1: a second read"
                + " queues behind a waiting writer, which waits for the first read: a deadlock once a writer waits",
                Messages.stampedTwice(false, true, "m", "s.c:2", "s.c:1"));
        assertEquals("write lock of StampedLock m @ s.c:2\nwhile this thread holds it for reading from s.c:1: it is not"
                + " reentrant, the thread deadlocks itself", Messages.stampedTwice(false, false, "m", "s.c:2", "s.c:1"));
        assertEquals("write lock of ReentrantReadWriteLock m @ s.c:2\nwhile this thread holds its read lock from s.c:1:"
                + " the JDK has no upgrade, the thread deadlocks itself", Messages.readThenWrite("m", "s.c:2", "s.c:1"));
        assertEquals("_mtx_lock_spin: recursed on non-recursive mutex m @ s.c:1",
                Messages.recursed(LockKind.SPIN_MUTEX, "m", "s.c:1"));
        assertEquals("_mtx_lock_sleep: recursed on non-recursive mutex m @ s.c:1",
                Messages.recursed(LockKind.SLEEP_MUTEX, "m", "s.c:1"));
        assertEquals("_sx_xlock_hard: recursed on non-recursive sx m @ s.c:1",
                Messages.recursed(LockKind.SX, "m", "s.c:1"));
        assertEquals("_rw_wlock_hard: recursed on non-recursive rwlock m @ s.c:1",
                Messages.recursed(LockKind.RW, "m", "s.c:1"));
        assertEquals("rm_rlock: recursed on non-recursive rmlock m @ s.c:1",
                Messages.recursed(LockKind.RM, "m", "s.c:1"));
        assertEquals("rm_rlock: recursed on non-recursive rmlock m @ s.c:1",
                Messages.recursed(LockKind.SLEEPABLE_RM, "m", "s.c:1"));
        assertEquals("__lockmgr_args: recursing on non recursive lockmgr m @ s.c:1",
                Messages.recursed(LockKind.LOCKMGR, "m", "s.c:1"));
        assertEquals("lwkt_serialize_enter: recursed on serializer m @ s.c:1",
                Messages.recursed(LockKind.SERIALIZER, "m", "s.c:1"));
        assertEquals("exclusive lock of (rw) pf rules @ pf.c:2\nwhile share locked from pf.c:1",
                Messages.recursedInMode(false, "rw", "pf rules", "pf.c:2", "pf.c:1"));
        assertEquals("shared lock of (rw) pf rules @ pf.c:2\nwhile exclusively locked from pf.c:1",
                Messages.recursedInMode(true, "rw", "pf rules", "pf.c:2", "pf.c:1"));
    }

    @Test
    void sleepRules() {
        assertEquals("acquiring blockable sleep lock in primary interrupt context (sleep mutex) ifnet @ if_em.c:77",
                ContextMessages.blockable(Rule.SLEEP_LOCK_IN_INTERRUPT, "sleep mutex", "ifnet", "if_em.c:77"));
        assertEquals("acquiring blockable sleep lock with spinlock or critical section held (sleep mutex) proc @ c.c:2",
                ContextMessages.blockable(Rule.SLEEP_LOCK_UNDER_SPIN, "sleep mutex", "proc", "c.c:2"));
        assertEquals("acquiring blockable sleep lock with spinlock or critical section held (sleep mutex) proc @ c.c:2",
                ContextMessages.blockable(Rule.SLEEP_LOCK_IN_CRITICAL, "sleep mutex", "proc", "c.c:2"));
        assertEquals("acquiring blockable sleep lock with interrupts disabled (sleep mutex) proc @ c.c:2",
                ContextMessages.blockableInterruptsOff("sleep mutex", "proc", "c.c:2"));
        assertEquals("sleeping on \"biord\" in primary interrupt context @ intr.c:3",
                ContextMessages.sleepInInterrupt("biord", "intr.c:3"));
        String line = Messages.listLock(true, "spin mutex", "sched lock", 0, 0x10, "sched.c:10");
        assertEquals("exclusive spin mutex sched lock r = 0 (0x10) locked @ sched.c:10", line);
        assertEquals("shared sx allproc r = 2 (0x20) locked @ proc.c:4",
                Messages.listLock(false, "sx", "allproc", 2, 0x20, "proc.c:4"));
        assertEquals("Sleeping on \"biord\" with the following non-sleepable locks held:\n" + line + "\n" + line,
                ContextMessages.sleepWithLocks(false, "biord", List.of(line, line)));
        assertEquals("Waiting on \"vmo\" with the following non-sleepable locks held:\n" + line,
                ContextMessages.sleepWithLocks(true, "vmo", List.of(line)));
    }

    @Test
    void preemptionRules() {
        assertEquals("mi_switch: switch in a critical section (critnest 2, thread lock not held) @ s.c:1",
                ContextMessages.switchInCritical(2, false, "s.c:1"));
        assertEquals("mi_switch: switch in a critical section (critnest 0, thread lock held) @ s.c:1",
                ContextMessages.switchInCritical(0, true, "s.c:1"));
        assertEquals("mi_switch (PREEMPT) in an SMP rendezvous handler @ s.c:1",
                ContextMessages.switchInRendezvous(SwitchKind.PREEMPT, "s.c:1"));
        assertEquals("rendezvous action changed td_owepreempt (true -> false) @ subr_smp.c:436",
                ContextMessages.owepreemptChanged(true, false, "subr_smp.c:436"));
        assertEquals("acquiring blockable sleep lock in an SMP rendezvous handler (sleep mutex) proc @ c.c:2",
                ContextMessages.blockable(Rule.PREEMPT_IN_RENDEZVOUS, "sleep mutex", "proc", "c.c:2"));
        assertEquals("sleeping on \"biord\" in an SMP rendezvous handler @ smp.c:9",
                ContextMessages.sleepInRendezvous("biord", "smp.c:9"));
        assertEquals("mi_switch (INVOLUNTARY) from primary interrupt context before EOI @ intr.c:5",
                ContextMessages.switchInInterrupt(SwitchKind.INVOLUNTARY, "intr.c:5"));
    }

    @Test
    void spinHeldTooLong_heldAndSpun() {
        assertEquals("spin lock 0x20 (sched lock) held for 101 scheduling points, more than 100 @ s.c:1",
                Messages.spinTooLong(0x20, "sched lock", false, 101, 100, "s.c:1"));
        assertEquals("spin lock 0x20 (sched lock) spun on for 101 iterations, more than 100 @ s.c:1",
                Messages.spinTooLong(0x20, "sched lock", true, 101, 100, "s.c:1"));
    }

    @Test
    void kernelPanic_andAnOverlappingRun() {
        assertEquals("panic: mtx_lock() by idle thread idle: cpu0 on sleep mutex m @ Foo.java:12",
                ContextMessages.kernelPanic("mtx_lock() by idle thread idle: cpu0 on sleep mutex m", "Foo.java:12"));
        assertEquals("another machine run started before this one ended", ContextMessages.OVERLAPPING_RUN);
    }

    @Test
    void badUpgrade_everyProblem() {
        assertEquals("upgrade of unlocked lock (sx) allproc @ u.c:1",
                Messages.badUpgrade(true, Messages.UNLOCKED_LOCK, "sx", "allproc", 0, "u.c:1"));
        assertEquals("upgrade of non-upgradable lock (sleep mutex) proc @ u.c:2",
                Messages.badUpgrade(true, Messages.NON_UPGRADABLE_LOCK, "sleep mutex", "proc", 0, "u.c:2"));
        assertEquals("upgrade of exclusive lock (sx) allproc @ u.c:3",
                Messages.badUpgrade(true, Messages.EXCLUSIVE_LOCK, "sx", "allproc", 0, "u.c:3"));
        assertEquals("downgrade of shared lock (sx) allproc @ u.c:4",
                Messages.badUpgrade(false, Messages.SHARED_LOCK, "sx", "allproc", 0, "u.c:4"));
        assertEquals("upgrade of non-sleep lock (spin mutex) sched lock @ u.c:5",
                Messages.badUpgrade(true, Messages.NON_SLEEP_LOCK, "spin mutex", "sched lock", 0, "u.c:5"));
        assertEquals("downgrade of recursed lock (sx) allproc r=2 @ u.c:6",
                Messages.badUpgrade(false, Messages.RECURSED_LOCK, "sx", "allproc", 2, "u.c:6"));
    }

    @Test
    void releaseNotOwned_everyForm() {
        assertEquals("lock (sleep mutex) proc not locked @ r.c:1", Messages.notLocked("sleep mutex", "proc", "r.c:1"));
        assertEquals("shared unlock of (rw) ifaddr @ r.c:3\nwhile exclusively locked from r.c:2",
                Messages.unlockInMode(true, "rw", "ifaddr", "r.c:3", "r.c:2"));
        assertEquals("exclusive unlock of (rw) ifaddr @ r.c:3\nwhile share locked from r.c:2",
                Messages.unlockInMode(false, "rw", "ifaddr", "r.c:3", "r.c:2"));
    }

    @Test
    void heldAtExit_andDestroyHeld() {
        assertEquals("Thread worker (tid 1) exiting with the following locks held:\n"
                + "exclusive sleep mutex proc r = 0 (0x100) locked @ e.c:1", Messages.heldAtExit("worker", 1,
                        Messages.listLock(true, "sleep mutex", "proc", 0, 0x100, "e.c:1")));
        assertEquals("lock (sleep mutex) doomed destroyed while held by thread worker @ d.c:2",
                Messages.destroyHeld("sleep mutex", "doomed", Messages.threadHolder("worker"), "d.c:2"));
        assertEquals("lock (spin mutex) sched lock destroyed while held by cpu 1 @ d.c:3",
                Messages.destroyHeld("spin mutex", "sched lock", Messages.cpuHolder(1), "d.c:3"));
    }

    @Test
    void kindMismatch_everyForm() {
        assertEquals("lock (sx) proc does not match earlier (sleep mutex) lock",
                Messages.kindRedefined("sx", "proc", "sleep mutex"));
        assertEquals("lock (sched lock) spin mutex can not have flags 0x18",
                Messages.badFlags("sched lock", "spin mutex", 0x18));
        assertEquals("mtx_lock_spin() of sleep mutex proc @ k.c:1",
                Messages.kindMismatch(LockKind.SLEEP_MUTEX, "proc", true, false, "k.c:1"));
        assertEquals("mtx_lock() of spin mutex sched lock @ k.c:2",
                Messages.kindMismatch(LockKind.SPIN_MUTEX, "sched lock", false, false, "k.c:2"));
        assertEquals("mtx_unlock_spin() of sx allproc @ k.c:3",
                Messages.kindMismatch(LockKind.SX, "allproc", true, true, "k.c:3"));
        assertEquals("mtx_unlock() of spin mutex sched lock @ k.c:4",
                Messages.kindMismatch(LockKind.SPIN_MUTEX, "sched lock", false, true, "k.c:4"));
    }

    @Test
    void irqInversion() {
        assertEquals("spin lock (spin mutex) em0 lock used in primary interrupt context @ if_em.c:1"
                + " is held with interrupts enabled @ if_em.c:2",
                ContextMessages.irqInversion("spin mutex", "em0 lock", "if_em.c:1", "if_em.c:2"));
    }

    @Test
    void assertionFailed_everyForm() {
        assertEquals("Invalid lock assertion at a.c:5.",
                Messages.assertionFailed(Messages.ASSERT_INVALID, "sleep mutex", "proc", "a.c:5"));
        assertEquals("Lock (sleep mutex) proc locked @ a.c:3.",
                Messages.assertionFailed(Messages.ASSERT_LOCKED, "sleep mutex", "proc", "a.c:3"));
        assertEquals("Lock (sleep mutex) proc not locked @ a.c:1.",
                Messages.assertionFailed(Messages.ASSERT_NOT_LOCKED, "sleep mutex", "proc", "a.c:1"));
        assertEquals("Lock (sx) allproc not exclusively locked @ a.c:2.",
                Messages.assertionFailed(Messages.ASSERT_NOT_XLOCKED, "sx", "allproc", "a.c:2"));
        assertEquals("Lock (sx) allproc exclusively locked @ a.c:2.",
                Messages.assertionFailed(Messages.ASSERT_XLOCKED, "sx", "allproc", "a.c:2"));
        assertEquals("Lock (sleep mutex) proc not recursed @ a.c:4.",
                Messages.assertionFailed(Messages.ASSERT_NOT_RECURSED, "sleep mutex", "proc", "a.c:4"));
        assertEquals("Lock (sleep mutex) proc recursed @ a.c:4.",
                Messages.assertionFailed(Messages.ASSERT_RECURSED, "sleep mutex", "proc", "a.c:4"));
    }

    @Test
    void requiredLockNotHeld_andPcpuUnpinned() {
        assertEquals("em_start entered without lock \"ifnet serializer\" held @ if_em.c:12",
                ContextMessages.requiredNotHeld("em_start", "ifnet serializer", "if_em.c:12"));
        assertEquals("using per-CPU data in migratable code (critnest 0, not pinned) on cpu 1 @ p.c:1",
                ContextMessages.pcpuUnpinned(1, "p.c:1"));
    }

    @Test
    void deadlock_andLostWakeup() {
        assertEquals("deadlock: cycle of waiters:\n thread t1 waits for \"A\" held by thread t2 @ a.c:1 on cpu 0\n"
                + " thread t2 waits for \"B\" held by thread t1 @ b.c:2 on cpu 1",
                ContextMessages.deadlock(List.of("A", "B"), List.of("t1", "t2"), List.of("a.c:1", "b.c:2"),
                        List.of(0, 1)));
        assertEquals("deadlock: cycle of waiters:\n thread ? waits for \"A\" held by thread ?",
                ContextMessages.deadlock(List.of("A"), List.of(), List.of(), List.of()));
        assertEquals("deadlock: cycle of waiters:\n thread t1 waits for \"A\" held by thread t1",
                ContextMessages.deadlock(List.of("A"), List.of("t1"), Arrays.asList((String) null), List.of(-1)));
        assertEquals("thread t1 blocked on \"A\" at:", ContextMessages.waiterBlocked("t1", "A"));
        assertEquals("lost wakeup: thread t3 sleeps forever on \"bufwait\", whose wakeup by thread t4 came before"
                + " the sleep @ vfs_bio.c:9", ContextMessages.lostWakeup("bufwait", "t3", "t4", "vfs_bio.c:9"));
    }

    @Test
    void irqInversionAlongAChain() {
        String link = ContextMessages.irqChainLink("em0 lock", "sched stats", "order.c:11");
        assertEquals(" lock order em0 lock -> sched stats established at order.c:11", link);
        assertEquals("irq lock inversion: irq-safe lock (spin mutex) em0 lock, used in interrupt context"
                + " @ filter.c:1,\nis ordered before irq-unsafe lock (spin mutex) sched stats, held with interrupts"
                + " enabled @ enable.c:2:\n" + link, ContextMessages.irqChainInversion("spin mutex", "em0 lock",
                        "filter.c:1", "spin mutex", "sched stats", "enable.c:2", List.of(link)));
    }

    @Test
    void lostWakeup_withTheWakersSite_andItsStackHeadings() {
        assertEquals("lost wakeup: thread t3 sleeps forever on \"bufwait\", whose wakeup by thread t4 came before"
                + " the sleep @ vfs_bio.c:9\nwakeup by thread t4 @ vfs_bio.c:20",
                ContextMessages.lostWakeup("bufwait", "t3", "t4", "vfs_bio.c:9", "vfs_bio.c:20"));
        assertEquals("sleeping at:", ContextMessages.SLEEPING_AT);
        assertEquals("wakeup with no sleeper at:", ContextMessages.WAKEUP_WITH_NO_SLEEPER_AT);
    }

    @Test
    void javaInstancesInBothOrders_panicHandler_andTableNames() {
        assertEquals("lock order reversal: (two instances of one class, nested in both orders)",
                Messages.lorHeader(Messages.INSTANCES_BOTH_ORDERS));
        assertEquals("panic handler", Messages.PANIC_HANDLER);
        assertEquals("class table", Messages.CLASS_TABLE);
        assertEquals("order table", Messages.ORDER_TABLE);
    }

    @Test
    void checkerFault_andExhausted() {
        assertEquals("witness fault in agent advice: java.lang.IllegalArgumentException: probe",
                Messages.fault("agent advice", new IllegalArgumentException("probe")));
        assertEquals("WITNESS: unable to allocate a new witness object for \"C\"\nclass table full at 1536 classes\n"
                + "Witness disabled.", Messages.exhausted("C", 1536));
        assertEquals("WITNESS: unable to allocate a new witness object\nclass table full at 2 classes\nWitness disabled.",
                Messages.exhausted(null, 2));
        assertEquals("WITNESS: unable to allocate a new lock order \"A\" -> \"B\"\norder table full at 4 orders\n"
                + "Witness disabled.", Messages.ordersExhausted("A", "B", 4));
    }

    @Test
    void quotedStrings_stayOnOneLine_withEveryControlOrBidiCharacterShownAsItsEscape() {
        assertEquals(" 1st 0x1 a\\u000A# LOR (a\\u000A# LOR, sleep mutex) @ F\\u202E.java:1",
                Messages.lorLine("1st", 1, "a\n# LOR", "sleep mutex", "F\u202e.java:1"));
        assertEquals("lock order a\\u0000 -> b\\uD800 established at:", Messages.established("a\0", "b\ud800"));
        assertEquals("Sleeping on \"w\\u0085\" with the following non-sleepable locks held:\n"
                + "exclusive sleep mutex m\\u2066 r = 0 (0x2) locked @ s.c:1",
                ContextMessages.sleepWithLocks(false, "w\u0085",
                        List.of(Messages.listLock(true, "sleep mutex", "m\u2066", 0, 2, "s.c:1"))));
        assertEquals("deadlock: cycle of waiters:\n thread t\\u2028 waits for \"A\\u001B\" held by thread t\\u2028",
                ContextMessages.deadlock(List.of("A\u001b"), List.of("t\u2028"), List.of(), List.of()));
        assertEquals("M.m\\u000D entered without lock \"ifnet\\u2029\" held @ E.java:3",
                ContextMessages.requiredNotHeld("M.m\r", "ifnet\u2029", "E.java:3"));
        assertEquals("witness fault in report writer: java.lang.IllegalStateException: two\\u000Alines",
                Messages.fault("report writer", new IllegalStateException("two\nlines")));
    }
}
