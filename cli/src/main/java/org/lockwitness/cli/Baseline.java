package org.lockwitness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The baseline file: the finding keys known when it was written, one per line, each followed by a
 * {@code #} comment naming the finding, for a person to read and edit. Text after {@code #} and blank
 * lines are ignored when it is read; keys never contain {@code #}. Stateless.
 */
final class Baseline {
    private Baseline() {
    }

    /** The keys a baseline file lists. */
    static Set<String> read(Path file) {
        try {
            Set<String> keys = new LinkedHashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                String key = (hash < 0 ? line : line.substring(0, hash)).trim();
                if (!key.isEmpty()) {
                    keys.add(key);
                }
            }
            return keys;
        } catch (IOException e) {
            throw new InfrastructureException("cannot read the baseline " + file, e);
        }
    }

    /** The text of a baseline of these findings, sorted by key. */
    static String text(List<Model.Finding> findings) {
        StringBuilder b = new StringBuilder()
                .append("# lockwitness baseline: the findings known when it was written.\n")
                .append("# 'check --baseline FILE' reports them as unchanged and does not fail on them.\n")
                .append("# One finding key per line; text after '#' is a comment. Delete a line once it is fixed.\n");
        findings.stream().sorted(Comparator.comparing(Model.Finding::key)).forEach(f -> b.append(f.key())
                .append("  # ").append((f.rule() + ": " + f.summary()).replaceAll("[\\r\\n]", " ")).append('\n'));
        return b.toString();
    }
}
