package org.lockwitness.witness.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.lockwitness.witness.Finding;

/**
 * Writes the report files, each atomically (a temporary file in the same directory, then a
 * rename), from one snapshot taken under the checker lock, so a killed JVM leaves the last complete
 * report. {@link #request()} schedules a debounced rewrite on a daemon thread.
 *
 * <p>Design: requests only set a flag and wake the daemon thread, so the reporting thread never
 * waits for the disk; {@link #writeNow()} is synchronized so the daemon thread and an explicit final
 * write never interleave their files. Thread-safe.
 *
 * <p>Public only for the witness package, which owns one per report directory; not an API.
 */
public final class ReportWriter {
    static final String TEXT = "witness.txt";
    static final String JSON = "witness.json";
    static final String DOT = "lock-order.dot";
    static final String CYCLE_PREFIX = "lock-order-reversal-";

    private final Path dir;
    private final long debounceMillis;
    private final Supplier<ReportSnapshot> source;
    private final BiConsumer<Throwable, String> onError;
    private final Object signal = new Object();
    private boolean pending;
    private boolean stopped;
    private Thread daemon;

    /**
     * A writer of the reports of one witness; starts no thread until the first {@link #request()}.
     *
     * @param dir the report directory, created on the first write
     * @param debounceMillis how long a request waits for more before the rewrite
     * @param source takes the snapshot to write, under the checker lock
     * @param onError told of an exception of the daemon thread's write, with {@code "report writer"}
     */
    public ReportWriter(Path dir, long debounceMillis, Supplier<ReportSnapshot> source,
            BiConsumer<Throwable, String> onError) {
        this.dir = dir;
        this.debounceMillis = debounceMillis;
        this.source = source;
        this.onError = onError;
    }

    /** Asks for a rewrite soon; returns at once. Thread-safe. */
    public void request() {
        synchronized (signal) {
            if (stopped) {
                return;
            }
            pending = true;
            if (daemon == null) {
                daemon = new Thread(this::loop, "lockwitness-report");
                daemon.setDaemon(true);
                daemon.start();
            }
            signal.notifyAll();
        }
    }

    /**
     * Stops the daemon thread, waiting for a write in progress; later requests are ignored.
     * Thread-safe.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void stop() throws InterruptedException {
        Thread t;
        synchronized (signal) {
            stopped = true;
            t = daemon;
            signal.notifyAll();
        }
        if (t != null) {
            t.join();
        }
    }

    /**
     * Writes every report file now, each atomically. Thread-safe: writes never interleave.
     *
     * @throws IOException if a file cannot be written
     */
    public synchronized void writeNow() throws IOException {
        ReportSnapshot snapshot = source.get();
        Files.createDirectories(dir);
        write(TEXT, w -> TextReport.write(snapshot, w));
        write(JSON, w -> JsonReport.write(snapshot, w));
        write(DOT, w -> DotReport.writeGraph(snapshot, w));
        List<Finding> cycles = DotReport.reversals(snapshot);
        for (int i = 0; i < cycles.size(); i++) {
            Finding f = cycles.get(i);
            write(CYCLE_PREFIX + (i + 1) + ".dot", w -> DotReport.writeCycle(f, w));
        }
        removeStaleCycles(cycles.size());
    }

    private void loop() {
        while (awaitRequest()) {
            try {
                writeNow();
            } catch (Throwable e) {
                onError.accept(e, "report writer");
            }
        }
    }

    /** Waits for a request and then for the debounce delay; false once stopped. */
    private boolean awaitRequest() {
        synchronized (signal) {
            try {
                while (!pending && !stopped) {
                    signal.wait();
                }
                long deadline = System.nanoTime() + debounceMillis * 1_000_000L;
                for (long left = debounceMillis; left > 0 && !stopped; ) {
                    signal.wait(left);
                    left = (deadline - System.nanoTime()) / 1_000_000L;
                }
            } catch (InterruptedException e) {
                return false;
            }
            pending = false;
            return !stopped;
        }
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    private void write(String name, Body body) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void removeStaleCycles(int kept) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, CYCLE_PREFIX + "*.dot")) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                String number = n.substring(CYCLE_PREFIX.length(), n.length() - ".dot".length());
                if (number.chars().allMatch(Character::isDigit) && !number.isEmpty() && Integer.parseInt(number) > kept) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
