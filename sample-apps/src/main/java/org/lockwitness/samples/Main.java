package org.lockwitness.samples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.workload.Workload;

/**
 * The samples CLI: {@code list}, {@code run}, {@code explore}, {@code demo} and {@code help} (see
 * {@link CommandLine#USAGE}). Exit status: 0 as expected; 1 when an exploration found nothing or a
 * demo verdict is wrong (the agent's {@code fail=} rules also exit 1); 2 for bad arguments; 3 for
 * an infrastructure failure: the agent is missing, or a run hit its wall-clock limit (TIMED_OUT) or
 * hung the host. It talks to the checker only through the model's {@link Checker} SPI.
 *
 * <p>Thread-safety: {@link #main} runs once per JVM.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NO_AGENT = 3;
    /** A run hit its wall-clock limit, or a forked JVM hung: an infrastructure failure. */
    static final int TIMED_OUT = 3;

    private final PrintStream out;
    private final PrintStream err;
    private final Checker checker;
    private final Launcher launcher;

    Main(PrintStream out, PrintStream err, Checker checker, Launcher launcher) {
        this.out = out;
        this.err = err;
        this.checker = checker;
        this.launcher = launcher;
    }

    /**
     * Runs the CLI. Exits the JVM only with a non-zero status, so the agent's {@code fail=} status
     * applies when it returns.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Checker checker = Checker.installed();
        int status = new Main(System.out, System.err, checker, Launcher.current(checker)).execute(args);
        if (status != OK) {
            System.exit(status);
        }
    }

    int execute(String[] args) {
        CommandLine cl;
        List<Workload> workloads;
        try {
            cl = CommandLine.parse(args);
            workloads = workloads(cl);
        } catch (UsageException e) {
            err.println("lockwitness-samples: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return USAGE;
        }
        if (cl.command == CommandLine.Command.HELP) {
            out.println(CommandLine.USAGE);
            return OK;
        }
        if (cl.command == CommandLine.Command.LIST) {
            new ListCommand(out).print(Workloads.ALL);
            return OK;
        }
        if (!checker.isPresent()) {
            err.println("lockwitness-samples: the lockwitness agent is missing: nothing would be checked. Run with"
                    + " java -javaagent:agent/target/lockwitness-agent.jar=report=DIR,windows=lines -jar ...");
            return NO_AGENT;
        }
        if (cl.command != CommandLine.Command.DEMO) {
            WindowsWarning.of(workloads.get(0).profile(), checker.windows()).ifPresent(err::println);
        }
        String command = String.join(" ", args);
        switch (cl.command) {
            case RUN:
                return new RunCommand(new Invocation(cl, workloads.get(0), checker, launcher, out)).execute(command);
            case EXPLORE:
                return new ExploreCommand(new Invocation(cl, workloads.get(0), checker, launcher, out))
                        .execute(command);
            default:
                checker.launcherOnly(); // the demo's JVMs check; this one only starts them
                return new Demo(launcher, out, err).run(workloads, cl.report);
        }
    }

    private static List<Workload> workloads(CommandLine cl) throws UsageException {
        if (cl.command == CommandLine.Command.LIST || cl.command == CommandLine.Command.HELP) {
            return List.of();
        }
        if (cl.command == CommandLine.Command.DEMO && cl.names.isEmpty()) {
            return Workloads.ALL;
        }
        List<Workload> list = new ArrayList<>();
        for (String name : cl.names) {
            list.add(Workloads.named(name).orElseThrow(() -> unknownWorkload(name)));
        }
        return list;
    }

    private static UsageException unknownWorkload(String name) {
        List<String> names = Workloads.ALL.stream().map(w -> w.profile().name()).toList();
        return new UsageException("unknown workload '" + name + "' (did you mean " + Names.closest(name, names)
                + "?); `list` shows them");
    }
}
