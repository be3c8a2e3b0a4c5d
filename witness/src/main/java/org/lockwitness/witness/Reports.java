package org.lockwitness.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.lockwitness.witness.report.ReportSnapshot;
import org.lockwitness.witness.report.ReportWriter;

/**
 * The report lifecycle of one witness: the {@link ReportWriter} of the configured report
 * directory, or nothing when there is none, in which case every method is a no-op. (FreeBSD prints
 * to the console and has no counterpart; lockdep's {@code /proc/lockdep} is read on demand.)
 * Thread-safe, as the writer.
 */
final class Reports {
    private final ReportWriter writer;

    Reports(WitnessOptions options, Supplier<ReportSnapshot> source, BiConsumer<Throwable, String> onError) {
        this.writer = options.reportDir == null ? null
                : new ReportWriter(options.reportDir, options.debounceMillis, options.graphAll, source,
                        onError);
    }

    /** Asks for a debounced rewrite after a new finding; returns at once. */
    void request() {
        if (writer != null) {
            writer.request();
        }
    }

    /** {@link Witness#writeReports()}. */
    void writeNow() {
        if (writer != null) {
            try {
                writer.writeNow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@link Witness#close()}. */
    void close() {
        if (writer != null) {
            try {
                writer.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
