package org.lockwitness.samples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.lockwitness.kernel.KThread;
import org.lockwitness.kernel.Machine;
import org.lockwitness.kernel.MachineBuilder;
import org.lockwitness.kernel.Synch;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.workload.Profile;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * A test workload that hangs its machine on the host: a kernel thread blocks on a Java monitor
 * that another holds across a sleep, so the run can only end at its wall-clock limit (3 s).
 * {@link #main} runs it with {@code run --seed 1} under the installed checker and exits with the
 * CLI's status, for {@link TimedOutReportIT}.
 */
final class StallWorkload implements Workload {

    @Override
    public Profile profile() {
        return new Profile("stall", "-", "a Java monitor held across a switch", Set.of("DEADLOCK"), Set.of(),
                Optional.empty(), Checker.Windows.PROBES, 1, 100_000, 1000);
    }

    @Override
    public MachineBuilder configure(MachineBuilder builder, Variant variant) {
        return builder.wallClockLimit(Duration.ofSeconds(3));
    }

    @Override
    public void start(Machine m, Variant variant, Consumer<String> console) {
        Object monitor = new Object();
        m.spawn("holder", KThread.PRI_MIN_KERN, () -> {
            synchronized (monitor) {
                Synch.pause("hold", 1);
            }
        });
        m.spawn("blocked", KThread.PRI_MIN_KERN, () -> {
            synchronized (monitor) {
                Machine.window();
            }
        });
    }

    /** @param args ignored */
    public static void main(String[] args) throws UsageException {
        List<String> run = List.of("run", "stall", "--seed", "1");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Invocation in = new Invocation(CommandLine.parse(run.toArray(new String[0])), new StallWorkload(),
                Checker.installed(), Launcher.current(Checker.installed()), out);
        System.exit(new RunCommand(in).execute(String.join(" ", run)));
    }
}
