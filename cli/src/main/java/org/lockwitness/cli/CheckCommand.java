package org.lockwitness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code check}: merges, applies the baseline and the suppressions, writes the requested formats, prints
 * one line per new finding and one naming the rules that failed, and exits 1 when a {@code --fail} rule has
 * a new finding. Not thread-safe.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitStatus.USAGE, exitCodeOnExecutionException = ExitStatus.INFRASTRUCTURE,
        description = {"Check the reports of one or more runs for CI.",
            "Prints 'RULE key: message @ site' per new finding (not in the baseline, not suppressed), then one "
                    + "line naming the rules that failed.",
            "Exit status: 0 ok or no data; 1 new findings of a --fail rule; 2 bad usage; 3 unreadable report, "
                    + "unwritable output, or no data with --require-data."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    InputOptions inputs;

    @Option(names = "--fail", paramLabel = "RULES",
            description = "Rules whose new findings fail the check: RULE,RULE..., all, or none (default: none).")
    String fail = "none";

    @Option(names = "--baseline", paramLabel = "FILE", description = "Finding keys known already (see baseline).")
    Path baseline;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Write SARIF 2.1.0, for GitHub code scanning.")
    Path sarif;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML, one test case per finding.")
    Path junit;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "Source roots where SARIF locations are looked up, e.g. src/main/java (repeatable). A value"
                    + " that names a directory is one root, commas and all; otherwise it is a list, split at the path"
                    + " separator and, as before, at commas.")
    List<String> sourceRoots = new ArrayList<>();

    @Option(names = "--html", paramLabel = "DIR", description = "Also write the HTML report, DIR/index.html.")
    Path html;

    @Mixin
    GraphOption graph;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Set<String> failRules;
        try {
            failRules = Triage.parseRules(fail);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--fail: " + e.getMessage(), e);
        }
        InputOptions.Loaded loaded = inputs.load(spec);
        Set<String> known = baseline == null ? Set.of() : Baseline.read(baseline);
        List<Triage.Verdict> verdicts = Triage.of(loaded.report().findings(), failRules, known,
                loaded.config().suppressions());
        if (sarif != null) {
            SourceMap sources = new SourceMap(SourceMap.roots(sourceRoots), Path.of(""));
            Output.json(sarif, new SarifWriter(sources, SarifLimits.GITHUB, baseline != null, failRules)
                    .log(verdicts));
        }
        if (junit != null) {
            JunitWriter.write(junit, verdicts);
        }
        if (html != null) {
            HtmlReport.write(html, loaded, graph.all(spec), spec.commandLine().getOut());
        }
        PrintWriter out = spec.commandLine().getOut();
        long fresh = 0;
        for (Triage.Verdict v : verdicts) {
            if (v.isNew()) {
                fresh++;
                out.println(v.finding().rule() + " " + v.finding().key() + ": " + v.finding().summary());
            }
        }
        Set<String> failed = Triage.failedRules(verdicts);
        String counts = verdicts.size() + " finding(s): " + fresh + " new, "
                + verdicts.stream().filter(Triage.Verdict::inBaseline).count() + " in the baseline, "
                + verdicts.stream().filter(v -> v.suppression() != null).count() + " suppressed";
        out.println(failed.isEmpty() ? "lockwitness: passed, no rule failed (" + counts + ")"
                : "lockwitness: FAILED: " + String.join(", ", failed) + " (" + counts + ")");
        out.flush();
        return failed.isEmpty() ? ExitStatus.OK : ExitStatus.FINDINGS;
    }
}
