package org.lockwitness.kernel;

import java.time.Duration;
import java.util.Objects;
import org.lockwitness.kernel.probe.NoWindows;

/**
 * Configures a {@link Machine} ({@link Machine#builder()}): each setter checks its value and returns
 * this builder.
 *
 * <p>Thread-safety: not thread-safe.
 */
@NoWindows
public final class MachineBuilder {
    int cpus = 2;
    long seed;
    Machine.Mode mode = Machine.Mode.DETERMINISTIC;
    Strategy strategy;
    Machine.RendezvousAction rendezvousAction = Machine.RendezvousAction.FIXED;
    boolean fullPreemption;
    int stepsPerTick = 1000;
    long spinLimit = 10_000_000L;
    Duration wallClockLimit = Duration.ofSeconds(60);

    MachineBuilder() {
    }

    /**
     * @param n the number of CPUs, 1 to 32
     * @return this builder
     */
    public MachineBuilder cpus(int n) {
        if (n < 1 || n > 32) {
            throw new IllegalArgumentException("cpus must be in [1, 32]");
        }
        this.cpus = n;
        return this;
    }

    /**
     * @param s the seed of the default strategy
     * @return this builder
     */
    public MachineBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * @param m the mode
     * @return this builder
     */
    public MachineBuilder mode(Machine.Mode m) {
        this.mode = Objects.requireNonNull(m);
        return this;
    }

    /**
     * @param s the strategy to use instead of a {@link RandomStrategy} seeded with the seed
     * @return this builder
     */
    public MachineBuilder strategy(Strategy s) {
        this.strategy = Objects.requireNonNull(s);
        return this;
    }

    /**
     * @param a which {@code smp_rendezvous_action} to run
     * @return this builder
     */
    public MachineBuilder rendezvousAction(Machine.RendezvousAction a) {
        this.rendezvousAction = Objects.requireNonNull(a);
        return this;
    }

    /**
     * @param on FULL_PREEMPTION: preempt for any more urgent thread, not only ithreads
     * @return this builder
     */
    public MachineBuilder fullPreemption(boolean on) {
        this.fullPreemption = on;
        return this;
    }

    /**
     * @param n scheduling points per tick
     * @return this builder
     */
    public MachineBuilder stepsPerTick(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("stepsPerTick must be positive");
        }
        this.stepsPerTick = n;
        return this;
    }

    /**
     * @param n spin-wait iterations on one spin mutex before the model panics "spin lock held
     *          too long"
     * @return this builder
     */
    public MachineBuilder spinLimit(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("spinLimit must be positive");
        }
        this.spinLimit = n;
        return this;
    }

    /**
     * @param d the wall-clock limit of {@link Machine#run}
     * @return this builder
     */
    public MachineBuilder wallClockLimit(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("wallClockLimit must be positive");
        }
        this.wallClockLimit = d;
        return this;
    }

    /** @return the machine */
    public Machine build() {
        return new Machine(this);
    }
}
