package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The context rules of DESIGN.md's table, each with its key and the precedence (issue 5). */
class ContextRulesTest {
    private final Sim sim = new Sim();

    /** Context: cpu, critnest, owepreempt, interrupts on, nesting, EOI pending, in rendezvous, pinned. */
    private static void ctx(WitnessThread t, int critnest, boolean owe, boolean intrOn, int nesting, boolean eoi,
            boolean rv) {
        t.at(0, critnest, owe, intrOn, nesting, eoi, rv, false, 0);
    }

    @Test
    void switchInsideRendezvousHandler_isPreemptInRendezvous() {
        WitnessThread t = sim.thread("initiator");
        int site = sim.site("subr_smp.c", 400);
        ctx(t, 1, false, false, 0, false, true);
        sim.w.rendezvousEnter(t, site);
        sim.w.contextSwitch(t, SwitchKind.PREEMPT, true, sim.site("kern_synch.c", 450));
        Finding f = sim.only(Rule.PREEMPT_IN_RENDEZVOUS);
        assertEquals(List.of("kern_synch.c:450"), f.sites());
        assertTrue(f.message().startsWith("mi_switch (PREEMPT) in an SMP rendezvous handler"), f.message());
        sim.w.rendezvousExit(t, site);
        assertEquals(1, sim.findings().size(), "one finding per handler run");
    }

    @Test
    void owepreemptChangeAcrossRendezvousHandler_isReportedAtExit() {
        WitnessThread t = sim.thread("cpu1 idle");
        ctx(t, 1, true, false, 0, false, true);
        sim.w.rendezvousEnter(t, sim.site("subr_smp.c", 370));
        ctx(t, 1, false, false, 0, false, true);
        sim.w.rendezvousExit(t, sim.site("subr_smp.c", 436));
        Finding f = sim.only(Rule.PREEMPT_IN_RENDEZVOUS);
        assertEquals("rendezvous action changed td_owepreempt (true -> false) @ subr_smp.c:436", f.message());
        assertEquals(List.of("subr_smp.c:436"), f.sites());
    }

    @Test
    void owepreemptChangeInsideHandler_isReportedAtTheFirstEventThatSeesIt() {
        WitnessThread t = sim.thread("t");
        ctx(t, 1, false, false, 0, false, true);
        sim.w.rendezvousEnter(t, 0);
        ctx(t, 2, true, false, 0, false, true);
        sim.w.criticalEnter(t, sim.site("rm.c", 5));
        ctx(t, 1, true, false, 0, false, true);
        sim.w.rendezvousExit(t, sim.site("rm.c", 9));
        Finding f = sim.only(Rule.PREEMPT_IN_RENDEZVOUS);
        assertEquals(List.of("rm.c:5"), f.sites());
    }

    @Test
    void unchangedOwepreempt_isSilent() {
        WitnessThread t = sim.thread("t");
        ctx(t, 1, true, false, 0, false, true);
        sim.w.rendezvousEnter(t, 0);
        sim.w.criticalEnter(t, 0);
        sim.w.criticalExit(t, 0);
        sim.w.rendezvousExit(t, 0);
        sim.silent();
    }

    @Test
    void sleepWithSpinMutexHeld_isReportedWithFreeBSDLines() {
        Sim.Lock spin = sim.lock("sched lock", LockKind.SPIN_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.takeSpin(t, spin, sim.site("sched.c", 10));
        sim.w.sleep(t, "biord", 0, sim.site("vfs_bio.c", 20));
        Finding f = sim.only(Rule.SLEEP_WITH_LOCKS_HELD);
        assertEquals(List.of("sched lock"), f.locks());
        assertEquals(List.of("vfs_bio.c:20"), f.sites());
        assertEquals("Sleeping on \"biord\" with the following non-sleepable locks held:\n"
                + "exclusive spin mutex sched lock r = 0 (0x" + Long.toHexString(spin.instance)
                + ") locked @ sched.c:10", f.message());
    }

    @Test
    void sleepWithOnlySxHeld_isSilent() {
        Sim.Lock sx = sim.lock("allproc", LockKind.SX);
        WitnessThread t = sim.thread("t");
        sim.take(t, sx, 0);
        sim.w.sleep(t, "wait", 0, 0);
        sim.silent();
    }

    @Test
    void sleepWithOnlyGiantHeld_isSilent() {
        Sim.Lock giant = sim.lock("Giant", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, giant, 0);
        sim.w.sleep(t, "wait", 0, 0);
        sim.silent();
    }

    @Test
    void sleepDroppingItsInterlock_isSilent_butAnotherMutexIsReported() {
        Sim.Lock ilk = sim.lock("proc lock", LockKind.SLEEP_MUTEX);
        Sim.Lock other = sim.lock("sigio lock", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, ilk, 0);
        sim.w.sleep(t, "pause", ilk.instance, 0);
        sim.silent();
        sim.take(t, other, sim.site("sig.c", 3));
        sim.w.sleep(t, "pause", ilk.instance, sim.site("sig.c", 4));
        Finding f = sim.only(Rule.SLEEP_WITH_LOCKS_HELD);
        assertEquals(List.of("sigio lock"), f.locks());
    }

    @Test
    void sleepLockInFilter_givesOneFinding_sleepLockInInterrupt() {
        Sim.Lock spin = sim.lock("intr table", LockKind.SPIN_MUTEX);
        Sim.Lock m = sim.lock("ifnet", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("interrupted");
        ctx(t, 1, false, false, 1, true, false);
        sim.takeSpin(t, spin, 0);
        sim.take(t, m, sim.site("if_em.c", 77));
        Finding f = sim.only(Rule.SLEEP_LOCK_IN_INTERRUPT);
        assertEquals(List.of("ifnet"), f.locks());
        assertEquals(List.of("if_em.c:77"), f.sites());
        assertEquals("acquiring blockable sleep lock in primary interrupt context (sleep mutex) ifnet @ if_em.c:77",
                f.message());
    }

    @Test
    void sleepInFilter_isSleepLockInInterrupt() {
        WitnessThread t = sim.thread("t");
        ctx(t, 1, false, false, 1, true, false);
        sim.w.sleep(t, "never", 0, sim.site("filter.c", 1));
        assertEquals(List.of("filter.c:1"), sim.only(Rule.SLEEP_LOCK_IN_INTERRUPT).sites());
    }

    @Test
    void sleepLockUnderSpin_beatsCritical() {
        Sim.Lock spin = sim.lock("callout", LockKind.SPIN_MUTEX);
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.takeSpin(t, spin, 0);
        sim.take(t, m, sim.site("c.c", 2));
        Finding f = sim.only(Rule.SLEEP_LOCK_UNDER_SPIN);
        assertEquals(List.of("proc"), f.locks());
        assertEquals("acquiring blockable sleep lock with spinlock or critical section held (sleep mutex) proc @ c.c:2",
                f.message());
    }

    @Test
    void sleepLockInCritical_andWithInterruptsOff() {
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        ctx(t, 1, false, true, 0, false, false);
        sim.take(t, m, sim.site("crit.c", 1));
        sim.drop(t, m, 0);
        ctx(t, 0, false, false, 0, false, false);
        sim.take(t, m, sim.site("crit.c", 2));
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertTrue(all.stream().allMatch(f -> f.rule() == Rule.SLEEP_LOCK_IN_CRITICAL));
        assertEquals(List.of("crit.c:1"), all.get(0).sites());
        assertEquals(List.of("crit.c:2"), all.get(1).sites());
    }

    @Test
    void sleepLockInRendezvousHandler_isPreemptInRendezvous_belowInterrupt() {
        Sim.Lock m = sim.lock("proc", LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        ctx(t, 1, false, false, 0, false, true);
        sim.take(t, m, sim.site("rv.c", 1));
        assertEquals(Rule.PREEMPT_IN_RENDEZVOUS, sim.only(Rule.PREEMPT_IN_RENDEZVOUS).rule());
    }

    @Test
    void switchInCritical_andWithoutThreadLock() {
        WitnessThread t = sim.thread("t");
        ctx(t, 2, false, false, 0, false, false);
        sim.w.contextSwitch(t, SwitchKind.VOLUNTARY, true, sim.site("sw.c", 1));
        ctx(t, 1, false, false, 0, false, false);
        sim.w.contextSwitch(t, SwitchKind.VOLUNTARY, true, sim.site("sw.c", 2));
        sim.w.contextSwitch(t, SwitchKind.VOLUNTARY, false, sim.site("sw.c", 3));
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertEquals(Rule.SWITCH_IN_CRITICAL, all.get(0).rule());
        assertEquals(List.of("sw.c:1"), all.get(0).sites());
        assertEquals(List.of("sw.c:3"), all.get(1).sites());
        assertTrue(all.get(1).message().contains("thread lock not held"), all.get(1).message());
    }

    @Test
    void switchFromInterruptBeforeEoi_isPreemptInInterrupt_afterEoiIsLegal() {
        WitnessThread t = sim.thread("t");
        ctx(t, 1, false, false, 1, false, false);
        sim.w.contextSwitch(t, SwitchKind.PREEMPT, true, sim.site("intr.c", 1));
        sim.silent();
        ctx(t, 1, false, false, 1, true, true);
        sim.w.contextSwitch(t, SwitchKind.PREEMPT, true, sim.site("intr.c", 2));
        Finding f = sim.only(Rule.PREEMPT_IN_INTERRUPT);
        assertEquals(List.of("intr.c:2"), f.sites());
    }

    @Test
    void spinHeldTooLong_andSpunOnTooLong() {
        Sim s = new Sim(WitnessOptions.builder().spinBound(100).holdBound(100).build());
        Sim.Lock spin = s.lock("sched lock", LockKind.SPIN_MUTEX);
        WitnessThread t = s.thread("t");
        s.takeSpin(t, spin, 0);
        t.at(0, 1, false, false, 0, false, false, false, 101);
        s.dropSpin(t, spin, s.site("sched.c", 9));
        Finding f = s.only(Rule.SPIN_HELD_TOO_LONG);
        assertEquals(List.of("sched lock"), f.locks());
        assertTrue(f.message().contains("held for 101 scheduling points"), f.message());
        s.w.spinWait(t, spin.id, spin.instance, 0, 100);
        assertEquals(1, s.findings().get(0).count());
        s.w.spinWait(t, spin.id, spin.instance, 0, 500);
        assertEquals(2, s.findings().get(0).count(), "same key: the class");
    }

    @Test
    void spinAndHoldBounds_areIndependent() {
        Sim s = new Sim(WitnessOptions.builder().spinBound(1000).holdBound(10).build());
        Sim.Lock spin = s.lock("turnstile chain", LockKind.SPIN_MUTEX);
        WitnessThread t = s.thread("t");
        s.w.spinWait(t, spin.id, spin.instance, 0, 1000);
        s.silent();
        s.takeSpin(t, spin, 0);
        t.at(0, 1, false, false, 0, false, false, false, 11);
        s.dropSpin(t, spin, s.site("turnstile.c", 3));
        Finding f = s.only(Rule.SPIN_HELD_TOO_LONG);
        assertTrue(f.message().contains("held for 11 scheduling points, more than 10"), f.message());
        s.w.spinWait(t, spin.id, spin.instance, 0, 1001);
        assertTrue(s.findings().get(0).count() == 2, s.findings()::toString);
    }

    @Test
    void irqInversion_filterFirst_thenEnabledWhileHeld() {
        Sim.Lock spin = sim.lock("fast_taskqueue", LockKind.SPIN_MUTEX);
        WitnessThread filter = sim.thread("filter");
        ctx(filter, 1, false, false, 1, true, false);
        sim.takeSpin(filter, spin, sim.site("filter.c", 1));
        sim.dropSpin(filter, spin, 0);
        sim.silent();
        WitnessThread t = sim.thread("t");
        sim.takeSpin(t, spin, sim.site("tq.c", 1));
        ctx(t, 1, false, true, 0, false, false);
        sim.w.interruptsOn(t, sim.site("tq.c", 2));
        Finding f = sim.only(Rule.IRQ_INVERSION);
        assertEquals(List.of("fast_taskqueue"), f.locks());
        assertEquals(List.of("filter.c:1", "tq.c:2"), f.sites());
    }

    @Test
    void irqInversion_enabledWhileHeldFirst_thenFilter() {
        Sim.Lock spin = sim.lock("fast_taskqueue", LockKind.SPIN_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.takeSpin(t, spin, sim.site("tq.c", 1));
        ctx(t, 1, false, true, 0, false, false);
        sim.w.interruptsOn(t, sim.site("tq.c", 2));
        ctx(t, 1, false, false, 0, false, false);
        sim.dropSpin(t, spin, 0);
        sim.silent();
        WitnessThread filter = sim.thread("filter");
        filter.at(1, 1, false, false, 1, true, false, false, 0);
        sim.takeSpin(filter, spin, sim.site("filter.c", 1));
        Finding f = sim.only(Rule.IRQ_INVERSION);
        assertEquals(List.of("fast_taskqueue"), f.locks());
        assertEquals(List.of("filter.c:1", "tq.c:2"), f.sites());
    }

    @Test
    void irqInversion_notWhenTheRestoredInterruptStateIsOff() {
        Sim.Lock spin = sim.lock("fast_taskqueue", LockKind.SPIN_MUTEX);
        WitnessThread filter = sim.thread("filter");
        ctx(filter, 1, false, false, 1, true, false);
        sim.takeSpin(filter, spin, sim.site("filter.c", 1));
        sim.dropSpin(filter, spin, 0);
        WitnessThread t = sim.thread("t");
        sim.takeSpin(t, spin, sim.site("tq.c", 1));
        ctx(t, 1, false, false, 0, false, false);
        sim.w.interruptsOn(t, sim.site("tq.c", 2));
        sim.silent();
    }

    @Test
    void pcpuUnpinned_onlyWhenMigratable() {
        WitnessThread t = sim.thread("t");
        t.at(0, 0, false, true, 0, false, false, true, 0);
        sim.w.pcpuAccess(t, sim.site("pcpu.c", 1));
        t.at(0, 1, false, true, 0, false, false, false, 0);
        sim.w.pcpuAccess(t, sim.site("pcpu.c", 2));
        sim.silent();
        t.at(0, 0, false, true, 0, false, false, false, 0);
        sim.w.pcpuAccess(t, sim.site("pcpu.c", 3));
        assertEquals(List.of("pcpu.c:3"), sim.only(Rule.PCPU_UNPINNED).sites());
    }

    @Test
    void requiredLock_heldIsSilent_missingIsReportedWithMethod() {
        Sim.Lock ser = sim.lock("ifnet serializer", LockKind.SERIALIZER);
        WitnessThread t = sim.thread("netisr");
        int site = sim.w.site("if_em.c", 12, "em_start");
        sim.take(t, ser, 0);
        sim.w.required(t, "ifnet serializer", site);
        sim.silent();
        sim.drop(t, ser, 0);
        sim.w.required(t, "ifnet serializer", site);
        sim.w.required(t, "never enrolled", site);
        List<Finding> all = sim.findings();
        assertEquals(2, all.size(), all::toString);
        assertEquals(Rule.REQUIRED_LOCK_NOT_HELD, all.get(0).rule());
        assertEquals(List.of("ifnet serializer"), all.get(0).locks());
        assertEquals("em_start entered without lock \"ifnet serializer\" held @ if_em.c:12", all.get(0).message());
        assertEquals(List.of("never enrolled"), all.get(1).locks());
    }
}
