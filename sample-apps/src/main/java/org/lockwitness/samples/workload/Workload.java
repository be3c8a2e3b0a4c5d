package org.lockwitness.samples.workload;

import java.util.Optional;
import java.util.function.Consumer;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.MachineBuilder;

/**
 * A seed document re-enacted on the kernel model: what it sets up on a machine, in a buggy and a
 * fixed variant, and (in its {@link Profile}) what the witness must report for each. A workload
 * keeps no state between machines: every call of {@link #start} builds its locks and threads
 * afresh, so one JVM may run many schedules of it.
 *
 * <p>Thread-safety: implementations are immutable; {@link #start} may be called for one machine
 * at a time from the controlling thread.
 */
public interface Workload {

    /** @return what the workload declares about itself */
    Profile profile();

    /**
     * @param variant the variant
     * @return the witness configuration file ({@code config=}) the variant is checked with, if any
     */
    default Optional<String> witnessConfig(Variant variant) {
        return Optional.empty();
    }

    /**
     * Adds the variant's machine settings (e.g. the rendezvous action) to a builder.
     *
     * @param builder the builder, with CPUs, seed and strategy set
     * @param variant the variant
     * @return the builder
     */
    default MachineBuilder configure(MachineBuilder builder, Variant variant) {
        return builder;
    }

    /**
     * Creates the workload's locks, interrupt sources and kernel threads on a machine that has
     * not run yet.
     *
     * @param machine the machine
     * @param variant the variant
     * @param console where the workload's kernel messages go (e.g. {@code getnewbuf: warning})
     */
    void start(Machine machine, Variant variant, Consumer<String> console);
}
