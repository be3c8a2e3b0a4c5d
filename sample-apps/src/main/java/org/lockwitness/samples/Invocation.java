package org.lockwitness.samples;

import java.io.PrintStream;
import java.util.function.Consumer;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.workload.Profile;
import org.lockwitness.samples.workload.Workload;

/**
 * What {@code run} and {@code explore} work with: the parsed command line, its workload, the
 * checker, how to launch this CLI again, and where to print.
 *
 * <p>Thread-safety: immutable; the checker and the stream are thread-safe.
 *
 * @param cl       the command line
 * @param workload its workload
 * @param checker  the installed checker
 * @param launcher how this JVM was launched
 * @param out      where results go
 */
record Invocation(CommandLine cl, Workload workload, Checker checker, Launcher launcher, PrintStream out) {

    /**
     * @param console where the workload's kernel messages go
     * @return a runner for the command line's variant, CPUs and step limit
     */
    Runner runner(Consumer<String> console) {
        Profile p = workload.profile();
        return new Runner(workload, cl.variant, cl.cpus.orElse(p.cpus()), cl.steps.orElse(p.steps()), console);
    }

    /** @return an explorer of that runner's schedules */
    Explorer explorer(Runner runner) {
        return new Explorer(runner, checker, launcher, out);
    }
}
