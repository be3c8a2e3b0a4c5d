package org.lockwitness.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Clears the runs an earlier build left in a report directory (JaCoCo's {@code append=false}), so that
 * {@code check} sees only this build's JVMs. Only the sub-directories that hold an agent report are removed;
 * anything else a person keeps there stays. Stateless.
 */
final class StaleRuns {
    /** The files by which the agent's report directory is known. */
    private static final List<String> REPORT_FILES = List.of("witness.json", "witness.txt");

    private StaleRuns() {
    }

    /**
     * Removes the runs under {@code reportDirectory}.
     *
     * @return how many run directories were removed
     * @throws IOException when one cannot be removed
     */
    static int clear(Path reportDirectory) throws IOException {
        if (!Files.isDirectory(reportDirectory)) {
            return 0;
        }
        List<Path> runs;
        try (Stream<Path> children = Files.list(reportDirectory)) {
            runs = children.filter(StaleRuns::isRun).toList();
        }
        for (Path run : runs) {
            try (Stream<Path> tree = Files.walk(run)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return runs.size();
    }

    private static boolean isRun(Path dir) {
        return Files.isDirectory(dir) && REPORT_FILES.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }
}
