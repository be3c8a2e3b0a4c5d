package org.lockwitness.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --graph all|default}: what the HTML report's lock-order graph draws. Filled by picocli; not thread-safe. */
final class GraphOption {
    @Option(names = "--graph", paramLabel = "all|default", defaultValue = "default",
            description = "The HTML graph: 'default' leaves out the program's own locks in no finding and classes "
                    + "with no order; 'all' draws every class.")
    String graph;

    /** Whether every class is drawn; any value but all and default is bad usage. */
    boolean all(CommandSpec spec) {
        return switch (graph) {
            case "all" -> true;
            case "default" -> false;
            default -> throw new ParameterException(spec.commandLine(), "--graph takes all or default: " + graph);
        };
    }
}
