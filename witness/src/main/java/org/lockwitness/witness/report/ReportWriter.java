package org.lockwitness.witness.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.lockwitness.witness.Finding;

/**
 * Writes the report files from one snapshot taken under the checker lock, each file atomically
 * ({@link ReportFile}), so a killed JVM leaves complete files. {@link #request()} schedules a
 * debounced rewrite on a daemon thread; {@link #stop()} ends that thread, after which only
 * {@link #writeNow()} writes: at exit, stop and then write once, and the final write is the last.
 *
 * <p>Every write has a sequence number, 1, 2, … in this writer, that each of its files states
 * ({@code witness.json}: the top-level {@code snapshot}; {@code witness.txt}: its first line; the
 * DOT files: a comment), so a reader can tell files of different writes apart when a kill fell
 * between two renames. A file that cannot be written does not keep the others from being written.
 *
 * <p>Design: requests only set a flag and wake the daemon thread, so the reporting thread never
 * waits for the disk; {@link #writeNow()} is synchronized so the daemon thread and an explicit
 * write never interleave their files. The daemon thread drops an {@link IOException} (the next
 * write, at the latest the final one, meets it again and its caller says so) and hands any other
 * exception, a bug of ours, to the error handler. Thread-safe.
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
    private final boolean graphAll;
    private final Supplier<ReportSnapshot> source;
    private final BiConsumer<Throwable, String> onError;
    private final Object signal = new Object();
    private boolean pending;
    private boolean stopped;
    private Thread daemon;
    /** The number of the last write; guarded by this writer's monitor. */
    private long sequence;

    /**
     * A writer of the reports of one witness; starts no thread until the first {@link #request()}.
     *
     * @param dir the report directory, created on the first write
     * @param debounceMillis how long a request waits for more before the rewrite
     * @param graphAll whether {@code lock-order.dot} draws every class and order ({@link LockGraph})
     * @param source takes the snapshot to write, under the checker lock
     * @param onError told of a non-I/O exception of the daemon thread's write, with {@code "report writer"}
     */
    public ReportWriter(Path dir, long debounceMillis, boolean graphAll, Supplier<ReportSnapshot> source,
            BiConsumer<Throwable, String> onError) {
        this.dir = dir;
        this.debounceMillis = debounceMillis;
        this.graphAll = graphAll;
        this.source = source;
        this.onError = onError;
    }

    /** Asks for a rewrite soon; returns at once; ignored once stopped. Thread-safe. */
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
     * Stops the daemon thread, waiting for a write in progress; later requests are ignored, so
     * only {@link #writeNow()} writes afterwards. Thread-safe.
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
     * Writes every report file now, each atomically, all from one snapshot and with one sequence
     * number. Thread-safe: writes never interleave.
     *
     * @throws IOException the first file that could not be written, the others' problems suppressed
     *     in it; every other file was still written. A runtime exception of a format writer (a bug)
     *     is thrown the same way.
     */
    public synchronized void writeNow() throws IOException {
        ReportSnapshot snapshot = source.get();
        long n = ++sequence;
        Files.createDirectories(dir);
        List<Exception> failures = new ArrayList<>();
        write(failures, TEXT, w -> TextReport.write(snapshot, n, w));
        write(failures, JSON, w -> JsonReport.write(snapshot, n, w));
        write(failures, DOT, w -> DotReport.writeGraph(snapshot, n, graphAll, w));
        List<Finding> cycles = DotReport.reversals(snapshot);
        for (int i = 0; i < cycles.size(); i++) {
            Finding f = cycles.get(i);
            write(failures, CYCLE_PREFIX + (i + 1) + ".dot", w -> DotReport.writeCycle(f, n, w));
        }
        try {
            removeStaleCycles(cycles.size());
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            if (first instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) first;
        }
    }

    private void write(List<Exception> failures, String name, ReportFile.Body body) {
        try {
            ReportFile.write(dir, name, body);
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
    }

    private void loop() {
        while (awaitRequest()) {
            try {
                writeNow();
            } catch (IOException e) {
                // dropped: the next write meets it again, at the latest the final one, whose caller says so
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
