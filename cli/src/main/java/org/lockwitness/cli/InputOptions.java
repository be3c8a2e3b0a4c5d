package org.lockwitness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.lockwitness.witness.WitnessConfig;
import org.lockwitness.witness.WitnessConfigException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * The options every command shares: the report directories, their namespaces, the configuration file and
 * whether data is required; and what they load: the runs, merged. Filled by picocli; not thread-safe.
 */
final class InputOptions {
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.-]+");

    @Parameters(paramLabel = "DIR", arity = "0..*",
            description = "Report directories: each holds witness.json, or sub-directories that do.")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--namespace", paramLabel = "NAME=DIR",
            description = "Also read DIR, its lock class names prefixed NAME:: to keep unrelated programs apart.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file: its 'suppress: KEY # reason' lines and blessed pairs.")
    Path config;

    @Option(names = "--require-data", description = "A directory without a report is an error (exit 3).")
    boolean requireData;

    /**
     * What the options load.
     *
     * @param report the runs merged
     * @param inputs the directories as named, for the merged report's header
     * @param config the configuration, empty without {@code --config}
     * @param sources the report directories read, each with its run label
     */
    record Loaded(Model.Report report, List<String> inputs, WitnessConfig config, List<Inputs.Source> sources) {
    }

    /** Reads and merges the runs; says once which directories hold no data. */
    Loaded load(CommandSpec spec) {
        List<Inputs.Named> named = new ArrayList<>();
        dirs.forEach(d -> named.add(new Inputs.Named(d, null)));
        for (String ns : namespaces) {
            int eq = ns.indexOf('=');
            if (eq < 0 || !NAMESPACE.matcher(ns.substring(0, eq)).matches() || eq == ns.length() - 1) {
                throw new ParameterException(spec.commandLine(),
                        "--namespace takes NAME=DIR, NAME of letters, digits, '_', '.', '-': " + ns);
            }
            named.add(new Inputs.Named(Path.of(ns.substring(eq + 1)), ns.substring(0, eq)));
        }
        if (named.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no report directory given");
        }
        return load(spec, named);
    }

    /** The runs of one report directory alone, with the configuration file, as {@link #load(CommandSpec)}. */
    Loaded loadOne(CommandSpec spec, Path dir) {
        return load(spec, List.of(new Inputs.Named(dir, null)));
    }

    private Loaded load(CommandSpec spec, List<Inputs.Named> named) {
        WitnessConfig cfg = config(spec);
        Inputs.Resolved resolved = Inputs.resolve(named);
        if (!resolved.noData().isEmpty()) {
            String which = resolved.noData().stream().map(Path::toString).collect(Collectors.joining(", "));
            if (requireData) {
                throw new InfrastructureException("no data: no witness.json in " + which + " (--require-data)");
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("lockwitness: no data: no witness.json in " + which);
            err.flush();
        }
        List<Model.Report> runs = new ArrayList<>();
        for (Inputs.Source s : resolved.sources()) {
            runs.add(ReportReader.read(s.dir(), s.run(), s.namespace()));
        }
        List<String> inputs = named.stream().map(n -> (n.namespace() == null ? "" : n.namespace() + "=") + n.dir())
                .toList();
        return new Loaded(Merger.merge(runs, cfg), inputs, cfg, resolved.sources());
    }

    private WitnessConfig config(CommandSpec spec) {
        if (config == null) {
            return WitnessConfig.EMPTY;
        }
        try {
            return WitnessConfig.load(config);
        } catch (IOException e) {
            throw new InfrastructureException("cannot read the configuration " + config, e);
        } catch (WitnessConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
