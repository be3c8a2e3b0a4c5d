package org.lockwitness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code merge}: the union of several runs, with the reversals only the union shows. Not thread-safe. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitStatus.USAGE, exitCodeOnExecutionException = ExitStatus.INFRASTRUCTURE,
        description = {"Merge the reports of several runs into one witness.json and witness.txt.",
            "Edge counts are summed; the cycle search runs again on the merged graph, and a reversal whose "
                    + "orders no single run saw together is reported as a cross-run LOCK_ORDER_REVERSAL."})
final class MergeCommand implements Callable<Integer> {
    @Mixin
    InputOptions inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged report goes.")
    Path out;

    @Option(names = "--html", paramLabel = "DIR", description = "Also write the HTML report, DIR/index.html.")
    Path html;

    @Mixin
    GraphOption graph;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InputOptions.Loaded loaded = inputs.load(spec);
        MergedReport.write(loaded.report(), loaded.inputs(), out);
        if (html != null) {
            HtmlReport.write(html, loaded, graph.all(spec), spec.commandLine().getOut());
        }
        long crossRun = loaded.report().findings().stream().filter(Model.Finding::crossRun).count();
        spec.commandLine().getOut().println("lockwitness: merged " + loaded.report().findings().size()
                + " finding(s), " + crossRun + " across runs, " + loaded.report().edges().size() + " order(s) into "
                + out);
        return ExitStatus.OK;
    }
}
