package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

/** Drives a {@link Witness} with short event sequences, as the agent would. */
final class Sim {
    final Witness w;
    private long nextInstance = 0x100;
    private long nextTid = 1;

    Sim() {
        this(WitnessOptions.builder().build());
    }

    Sim(WitnessOptions options) {
        w = Witness.create(options);
    }

    /** A lock with its class id and a fresh instance. */
    final class Lock {
        final String name;
        final int id;
        final long instance;

        Lock(String name, int id) {
            this.name = name;
            this.id = id;
            this.instance = nextInstance++;
        }
    }

    Lock lock(String name, LockKind kind) {
        return lock(name, kind, 0);
    }

    Lock lock(String name, LockKind kind, int flags) {
        return new Lock(name, w.enroll(name, kind, flags));
    }

    /** A thread in ordinary context on CPU 0: critnest 0, interrupts on. */
    WitnessThread thread(String name) {
        return w.thread(nextTid++, name);
    }

    int site(String file, int line) {
        return w.site(file, line, "m" + line);
    }

    /** A blocking exclusive acquire (checkOrder then acquired). */
    void take(WitnessThread t, Lock l, int site) {
        take(t, l, site, 0);
    }

    void take(WitnessThread t, Lock l, int site, int flags) {
        w.checkOrder(t, l.id, l.instance, site, flags, 0);
        w.acquired(t, l.id, l.instance, site, flags);
    }

    /** Takes {@code first} then {@code second}, both blocking and exclusive, then releases both. */
    void pair(WitnessThread t, Lock first, Lock second) {
        take(t, first, 0);
        take(t, second, 0);
        drop(t, second, 0);
        drop(t, first, 0);
    }

    void tryTake(WitnessThread t, Lock l, int site) {
        w.acquired(t, l.id, l.instance, site, OpFlags.TRY);
    }

    void drop(WitnessThread t, Lock l, int site) {
        w.release(t, l.id, l.instance, site, 0);
    }

    void drop(WitnessThread t, Lock l, int site, int flags) {
        w.release(t, l.id, l.instance, site, flags);
    }

    /** Spin acquire as the model does it: interrupts off, critnest up, then the witness events. */
    void takeSpin(WitnessThread t, Lock l, int site) {
        t.at(t.cpu(), t.critnest() + 1, t.owepreempt(), false, t.interruptNesting(), t.eoiPending(), t.inRendezvous(),
                t.pinned(), t.step);
        w.checkOrder(t, l.id, l.instance, site, OpFlags.SPIN_OP, 0);
        w.acquired(t, l.id, l.instance, site, OpFlags.SPIN_OP);
    }

    void dropSpin(WitnessThread t, Lock l, int site) {
        w.release(t, l.id, l.instance, site, OpFlags.SPIN_OP);
        int critnest = t.critnest() - 1;
        t.at(t.cpu(), critnest, t.owepreempt(), critnest == 0 && t.interruptNesting() == 0 || t.interruptsEnabled(),
                t.interruptNesting(), t.eoiPending(), t.inRendezvous(), t.pinned(), t.step);
    }

    List<Finding> findings() {
        return w.findings();
    }

    List<Rule> rules() {
        return w.findings().stream().map(Finding::rule).collect(Collectors.toList());
    }

    Finding only(Rule rule) {
        List<Finding> all = w.findings();
        assertEquals(1, all.size(), () -> "expected exactly one finding, got " + all);
        assertEquals(rule, all.get(0).rule(), () -> all.toString());
        return all.get(0);
    }

    void silent() {
        List<Finding> all = w.findings();
        assertEquals(List.of(), all, "expected no finding");
    }
}
