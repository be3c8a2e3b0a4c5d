package org.lockwitness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The report directories named on a command line. A directory is a run when it holds {@code witness.json}
 * (the file itself may be named instead); otherwise each of its sub-directories that holds one is a run (as
 * {@code demo} lays them out). A missing
 * directory, or one with no report, has no data. Each run is labelled by its directory name, prefixed
 * {@code NAME/} when it has a namespace, and made unique with {@code #2}, {@code #3}. Stateless.
 */
final class Inputs {
    /**
     * One run to read.
     *
     * @param dir its report directory
     * @param run its label
     * @param namespace its namespace, or null
     */
    record Source(Path dir, String run, String namespace) {
    }

    /**
     * What the directories hold.
     *
     * @param sources the runs found, in the order named
     * @param noData the directories named that hold no report
     */
    record Resolved(List<Source> sources, List<Path> noData) {
        Resolved {
            sources = List.copyOf(sources);
            noData = List.copyOf(noData);
        }
    }

    /**
     * A directory with the namespace it is read under.
     *
     * @param dir the directory as named
     * @param namespace the namespace, or null
     */
    record Named(Path dir, String namespace) {
    }

    private Inputs() {
    }

    /** Finds the runs in the directories. */
    static Resolved resolve(List<Named> dirs) {
        List<Source> sources = new ArrayList<>();
        List<Path> noData = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (Named named : dirs) {
            List<Path> runs = runs(named.dir());
            if (runs.isEmpty()) {
                noData.add(named.dir());
            }
            for (Path run : runs) {
                Path name = run.toAbsolutePath().normalize().getFileName();
                String base = (named.namespace() == null ? "" : named.namespace() + "/")
                        + (name == null ? run.toString() : name.toString());
                String label = base;
                for (int n = 2; !labels.add(label); n++) {
                    label = base + "#" + n;
                }
                sources.add(new Source(run, label, named.namespace()));
            }
        }
        return new Resolved(sources, noData);
    }

    private static List<Path> runs(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        if (Files.isRegularFile(dir) && String.valueOf(dir.getFileName()).equals(ReportReader.FILE) && parent != null) {
            return List.of(parent);
        }
        if (Files.isRegularFile(dir.resolve(ReportReader.FILE))) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(c -> Files.isRegularFile(c.resolve(ReportReader.FILE))).sorted().toList();
        } catch (IOException e) {
            throw new InfrastructureException("cannot list " + dir, e);
        }
    }
}
