package org.lockwitness.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The HTML reports of run directories, written by the command line's {@code report --each} in one
 * JVM of its own ({@code java -jar lockwitness-cli.jar report --each DIR...}), as {@code demo} does
 * once its rows are done (one JVM for all rows costs a tenth of the CPU of one per row):
 * the layout library stays out of the samples jar and out of the checked JVMs. The command line's
 * jar is the system property {@code lockwitness.cli.jar}, else {@code lockwitness-cli.jar} beside
 * the agent jar, else the source tree's {@code cli/target/lockwitness-cli.jar} next to the agent's
 * {@code agent/target}. Immutable and thread-safe.
 */
final class HtmlReports {
    /** The longest the reports may take; an infrastructure limit. */
    static final long TIMEOUT_SECONDS = 120;
    static final String JAR = "lockwitness-cli.jar";

    private final String java;
    private final Path cliJar;

    private HtmlReports(String java, Path cliJar) {
        this.java = java;
        this.cliJar = cliJar;
    }

    /** The writer of this launcher's JVM, or empty when no command-line jar is found. */
    static Optional<HtmlReports> find(Launcher launcher) {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("lockwitness.cli.jar");
        if (property != null) {
            candidates.add(Path.of(property));
        }
        launcher.agentJar().ifPresent(agent -> {
            Path dir = agent.getParent();
            if (dir != null) {
                candidates.add(dir.resolve(JAR));
                Path tree = dir.getParent() == null ? null : dir.getParent().getParent();
                if (tree != null) {
                    candidates.add(tree.resolve("cli").resolve("target").resolve(JAR));
                }
            }
        });
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .map(jar -> new HtmlReports(launcher.java(), jar.toAbsolutePath().normalize()));
    }

    /** The command-line jar used. */
    Path jar() {
        return cliJar;
    }

    /**
     * Writes {@code index.html} into each directory; the command line's output goes to
     * {@code report-output.txt} in {@code base}.
     *
     * @param base where the output goes
     * @param dirs the run directories, each with its {@code witness.json}
     * @return null when written, else why not
     */
    String write(Path base, List<Path> dirs) throws InterruptedException {
        Path output = base.resolve("report-output.txt");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                cliJar.toString(), "report", "--each"));
        dirs.forEach(d -> command.add(d.toString()));
        try {
            // a short-lived JVM: the quick compiler and the serial collector cost the least CPU
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return "the HTML report timed out after " + TIMEOUT_SECONDS + " s";
            }
            return p.exitValue() == 0 ? null : "the HTML report exited " + p.exitValue() + ", see " + output;
        } catch (IOException e) {
            return "cannot write the HTML report: " + e.getMessage();
        }
    }
}
