package org.lockwitness.maven;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.plugin.logging.Log;
import org.lockwitness.cli.Main;

/**
 * Runs a command of the command line ({@link Main#run}) in the build's JVM and keeps what it printed, so the
 * goals give the same verdicts, messages and exit statuses as {@code java -jar lockwitness-cli.jar}.
 * Stateless; each call is independent.
 */
final class Cli {
    /** The command line's exit status for new findings of a failing rule. */
    static final int FINDINGS = 1;

    /**
     * What one command did.
     *
     * @param status its exit status: 0 ok, 1 findings of a failing rule, 2 bad usage, 3 infrastructure
     * @param out the lines it printed as results
     * @param err the lines it printed as diagnostics
     */
    record Result(int status, List<String> out, List<String> err) {
        Result {
            out = List.copyOf(out);
            err = List.copyOf(err);
        }

        /**
         * What it printed, results first, without the usage text that follows a bad-usage message: the
         * goal's parameters, not the command's options, are what a build sets.
         */
        String text() {
            return String.join(System.lineSeparator(), Stream.concat(out.stream(), diagnostics().stream()).toList());
        }

        /** The diagnostics up to the usage text. */
        List<String> diagnostics() {
            List<String> d = new ArrayList<>();
            for (String line : err) {
                if (line.startsWith("Usage: ")) {
                    break;
                }
                d.add(line);
            }
            return d;
        }
    }

    private Cli() {
    }

    /**
     * Runs {@code args} (the command first) and, when it succeeded (status 0), logs what it printed: results as
     * info, diagnostics as warnings. When it failed nothing is logged: the goal fails with {@link Result#text()}
     * as its exception's message, which Maven prints, so each line is printed once.
     */
    static Result run(List<String> args, Log log) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        Result r = new Result(status, lines(out), lines(err));
        if (status == 0) {
            r.out().forEach(log::info);
            r.diagnostics().forEach(log::warn);
        }
        return r;
    }

    private static List<String> lines(StringWriter w) {
        String s = w.toString();
        return s.isEmpty() ? List.of() : s.lines().toList();
    }
}
