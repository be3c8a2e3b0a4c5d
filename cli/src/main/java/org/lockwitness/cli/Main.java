package org.lockwitness.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line for CI: {@code java -jar lockwitness-cli.jar merge|check|baseline|report ...}. Exit statuses
 * are the project's table: 0 ok, 1 findings of a failing rule, 2 bad usage (with the usage printed), 3
 * infrastructure. Each call of {@link #run} is independent; nothing is shared between calls.
 */
@Command(name = "lockwitness-cli", mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitStatus.USAGE, exitCodeOnExecutionException = ExitStatus.INFRASTRUCTURE,
        versionProvider = Main.ToolVersion.class,
        subcommands = {MergeCommand.class, CheckCommand.class, BaselineCommand.class, ReportCommand.class},
        description = "Merges and checks lockwitness report directories for CI.")
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    /** The tool's version for {@code --version}. */
    static final class ToolVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lockwitness-cli " + Version.TOOL + " (witness.json schema " + Version.SCHEMA + ")"};
        }
    }

    Main() {
    }

    /** Runs a command and exits the JVM with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs a command.
     *
     * @param args the arguments, the command first
     * @param out where results go
     * @param err where diagnostics and the usage go
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof InfrastructureException) {
                command.getErr().println("lockwitness: " + e.getMessage());
            } else {
                command.getErr().println("lockwitness: internal error");
                e.printStackTrace(command.getErr());
            }
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnExecutionException();
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** Without a command: bad usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: merge, check, baseline or report");
    }
}
