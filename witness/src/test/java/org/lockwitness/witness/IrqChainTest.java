package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lockdep's check_irq_usage along a chain of spin classes, with its three events in every order (issue 18, item 2). */
class IrqChainTest {
    private Sim sim;
    private WitnessThread filter;
    private WitnessThread orderer;
    private WitnessThread enabler;

    private void setUp() {
        sim = new Sim();
        filter = sim.thread("irq0: em0");
        orderer = sim.thread("orderer");
        enabler = sim.thread("enabler");
        orderer.at(1, 0, false, true, 0, false, false, false, 0);
        enabler.at(2, 0, false, true, 0, false, false, false, 0);
    }

    /** A used in primary interrupt context: the filter takes it on CPU 0. */
    private void useInInterrupt(Sim.Lock a) {
        filter.at(0, 1, false, false, 1, true, false, false, 0);
        sim.takeSpin(filter, a, sim.site("filter.c", 1));
        sim.dropSpin(filter, a, sim.site("filter.c", 2));
    }

    /** The orders first -> ... -> last, taken with interrupts off. */
    private void order(Sim.Lock... chain) {
        for (int i = 0; i < chain.length; i++) {
            sim.takeSpin(orderer, chain[i], sim.site("order.c", 10 + i));
        }
        for (int i = chain.length - 1; i >= 0; i--) {
            sim.dropSpin(orderer, chain[i], 0);
        }
    }

    /** B held with interrupts enabled: taken, then interrupts turned on while it is held. */
    private void holdWithInterrupts(Sim.Lock b) {
        sim.takeSpin(enabler, b, sim.site("enable.c", 1));
        enabler.at(2, enabler.critnest(), false, true, 0, false, false, false, 0);
        sim.w.interruptsOn(enabler, sim.site("enable.c", 2));
        enabler.at(2, enabler.critnest(), false, false, 0, false, false, false, 0);
        sim.dropSpin(enabler, b, 0);
    }

    @Test
    void anIrqSafeClassOrderedBeforeAnIrqUnsafeOne_isOneInversion_whicheverEventComesLast() {
        List<String> orders = List.of("UOE", "UEO", "OUE", "OEU", "EUO", "EOU");
        for (String events : orders) {
            setUp();
            Sim.Lock a = sim.lock("em0 lock", LockKind.SPIN_MUTEX);
            Sim.Lock b = sim.lock("sched stats", LockKind.SPIN_MUTEX);
            for (char e : events.toCharArray()) {
                switch (e) {
                    case 'U' -> useInInterrupt(a);
                    case 'O' -> order(a, b);
                    default -> holdWithInterrupts(b);
                }
            }
            Finding f = sim.only(Rule.IRQ_INVERSION);
            assertEquals(List.of("em0 lock", "sched stats"), f.locks(), events);
            assertEquals("irq lock inversion: irq-safe lock (spin mutex) em0 lock, used in interrupt context @"
                    + " filter.c:1,\nis ordered before irq-unsafe lock (spin mutex) sched stats, held with interrupts"
                    + " enabled @ enable.c:2:\n lock order em0 lock -> sched stats established at order.c:11",
                    f.message(), events);
            assertEquals(List.of("filter.c:1", "order.c:11", "enable.c:2"), f.sites(), events);
        }
    }

    @Test
    void aChainThroughAThirdClass_isFoundWhenItsLastEdgeJoins_andNamesEveryLink() {
        setUp();
        Sim.Lock a = sim.lock("em0 lock", LockKind.SPIN_MUTEX);
        Sim.Lock x = sim.lock("tx ring", LockKind.SPIN_MUTEX);
        Sim.Lock b = sim.lock("sched stats", LockKind.SPIN_MUTEX);
        useInInterrupt(a);
        holdWithInterrupts(b);
        order(x, b);
        sim.silent();
        order(a, x);
        Finding f = sim.only(Rule.IRQ_INVERSION);
        assertEquals(List.of("em0 lock", "tx ring", "sched stats"), f.locks());
        assertTrue(f.message().endsWith("\n lock order em0 lock -> tx ring established at order.c:11"
                + "\n lock order tx ring -> sched stats established at order.c:11"), f.message());
    }

    @Test
    void withoutAChain_orWithSleepLocks_orOrderedTheOtherWay_itIsSilent() {
        setUp();
        Sim.Lock a = sim.lock("em0 lock", LockKind.SPIN_MUTEX);
        Sim.Lock b = sim.lock("sched stats", LockKind.SPIN_MUTEX);
        Sim.Lock c = sim.lock("unrelated", LockKind.SPIN_MUTEX);
        Sim.Lock m = sim.lock("softc", LockKind.SLEEP_MUTEX);
        useInInterrupt(a);
        holdWithInterrupts(b);
        order(b, a);
        order(c, b);
        orderer.at(1, 0, false, true, 0, false, false, false, 0);
        sim.take(orderer, m, sim.site("m.c", 1));
        sim.takeSpin(orderer, b, sim.site("m.c", 2));
        sim.dropSpin(orderer, b, 0);
        sim.drop(orderer, m, 0);
        List<Rule> rules = new ArrayList<>(sim.rules());
        assertEquals(List.of(), rules, "irq-unsafe before irq-safe is lockdep's allowed direction");
    }

    @Test
    void theSameChainSeenAgain_isOneFindingCountedAgain_andResetForgetsTheMarks() {
        setUp();
        Sim.Lock a = sim.lock("em0 lock", LockKind.SPIN_MUTEX);
        Sim.Lock b = sim.lock("sched stats", LockKind.SPIN_MUTEX);
        useInInterrupt(a);
        holdWithInterrupts(b);
        order(a, b);
        order(a, b);
        assertEquals(1, sim.only(Rule.IRQ_INVERSION).count(), "a known edge is not searched again");
        sim.w.reset();
        order(a, b);
        sim.silent();
    }
}
