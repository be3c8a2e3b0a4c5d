package org.lockwitness.kernel;

import java.time.Duration;
import java.util.Objects;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * The settings of a {@link Machine} and their checks: what {@link Machine.Builder} sets. Each setter
 * checks its value and returns the builder.
 *
 * <p>Thread-safety: not thread-safe.
 *
 * @param <B> the builder type its setters return
 */
@NoWindows
abstract class MachineConfig<B extends MachineConfig<B>> {
    int cpus = 2;
    long seed;
    Machine.Mode mode = Machine.Mode.DETERMINISTIC;
    Strategy strategy;
    Machine.RendezvousAction rendezvousAction = Machine.RendezvousAction.FIXED;
    boolean fullPreemption;
    int stepsPerTick = 1000;
    long spinLimit = 10_000_000L;
    Duration wallClockLimit = Duration.ofSeconds(60);

    /**
     * @param n the number of CPUs, 1 to 32
     * @return this builder
     */
    public B cpus(int n) {
        if (n < 1 || n > 32) {
            throw new IllegalArgumentException("cpus must be in [1, 32]");
        }
        this.cpus = n;
        return self();
    }

    /**
     * @param s the seed of the default strategy
     * @return this builder
     */
    public B seed(long s) {
        this.seed = s;
        return self();
    }

    /**
     * @param m the mode
     * @return this builder
     */
    public B mode(Machine.Mode m) {
        this.mode = Objects.requireNonNull(m);
        return self();
    }

    /**
     * @param s the strategy to use instead of a {@link RandomStrategy} seeded with the seed
     * @return this builder
     */
    public B strategy(Strategy s) {
        this.strategy = Objects.requireNonNull(s);
        return self();
    }

    /**
     * @param a which {@code smp_rendezvous_action} to run
     * @return this builder
     */
    public B rendezvousAction(Machine.RendezvousAction a) {
        this.rendezvousAction = Objects.requireNonNull(a);
        return self();
    }

    /**
     * @param on FULL_PREEMPTION: preempt for any more urgent thread, not only ithreads
     * @return this builder
     */
    public B fullPreemption(boolean on) {
        this.fullPreemption = on;
        return self();
    }

    /**
     * @param n scheduling points per tick
     * @return this builder
     */
    public B stepsPerTick(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("stepsPerTick must be positive");
        }
        this.stepsPerTick = n;
        return self();
    }

    /**
     * @param n spin-wait iterations on one spin mutex before the model panics "spin lock held
     *          too long"
     * @return this builder
     */
    public B spinLimit(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("spinLimit must be positive");
        }
        this.spinLimit = n;
        return self();
    }

    /**
     * @param d the wall-clock limit of {@link Machine#run}
     * @return this builder
     */
    public B wallClockLimit(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("wallClockLimit must be positive");
        }
        this.wallClockLimit = d;
        return self();
    }

    /** @return this builder, as its own type */
    abstract B self();
}
