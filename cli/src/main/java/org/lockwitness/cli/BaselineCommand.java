package org.lockwitness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baseline}: the current finding keys, for {@code check --baseline}. Not thread-safe. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitStatus.USAGE, exitCodeOnExecutionException = ExitStatus.INFRASTRUCTURE,
        description = {"Write the finding keys of these runs, one per line with a # comment naming the finding.",
            "Edit it by hand; 'check --baseline FILE' treats the keys it lists as known."})
final class BaselineCommand implements Callable<Integer> {
    @Mixin
    InputOptions inputs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The baseline file to write.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputOptions.Loaded loaded = inputs.load(spec);
        Output.text(out, Baseline.text(loaded.report().findings()));
        spec.commandLine().getOut().println("lockwitness: wrote " + loaded.report().findings().size()
                + " finding key(s) to " + out);
        return ExitStatus.OK;
    }
}
