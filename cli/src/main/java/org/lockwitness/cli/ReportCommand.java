package org.lockwitness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code report}: the HTML report of one or more runs, written out of process as JaCoCo's
 * {@code report} goal does, so the agent stays small. Not thread-safe.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitStatus.USAGE, exitCodeOnExecutionException = ExitStatus.INFRASTRUCTURE,
        description = {"Write a self-contained HTML report, OUT/index.html: the runs, the findings by rule with their "
                + "stacks, and the lock-order graph drawn inline.",
            "With one directory, OUT defaults to that directory; with --each, every DIR gets its own."})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    InputOptions inputs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where index.html goes.")
    Path out;

    @Option(names = "--each", description = "Write DIR/index.html into each DIR given, of that directory's runs "
            + "alone, in this one JVM (as demo does for its rows).")
    boolean each;

    @Mixin
    GraphOption graph;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean all = graph.all(spec);
        if (each) {
            if (out != null || !inputs.namespaces.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--each takes directories only, without --out or"
                        + " --namespace");
            }
            for (Path d : inputs.dirs) {
                HtmlReport.write(d, inputs.loadOne(spec, d), all, spec.commandLine().getOut());
            }
            return ExitStatus.OK;
        }
        Path dir = out;
        if (dir == null) {
            if (inputs.dirs.size() != 1 || !inputs.namespaces.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--out is required unless one directory is given");
            }
            dir = inputs.dirs.get(0);
        }
        InputOptions.Loaded loaded = inputs.load(spec);
        HtmlReport.write(dir, loaded, all, spec.commandLine().getOut());
        return ExitStatus.OK;
    }
}
