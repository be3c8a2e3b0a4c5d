package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write lifecycle: snapshot numbers, file modes, a file that fails, the stop before the final write. */
class ReportWriteTest {
    @TempDir
    Path dir;
    private final List<Sim> sims = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        sims.forEach(s -> s.w.close());
    }

    private Sim sim(long debounceMillis) {
        Sim sim = new Sim(WitnessOptions.builder().reportDir(dir).debounceMillis(debounceMillis).build());
        sims.add(sim);
        return sim;
    }

    private static void reversal(Sim sim, String a, String b) {
        Sim.Lock la = sim.lock(a, LockKind.SLEEP_MUTEX);
        Sim.Lock lb = sim.lock(b, LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.pair(t, la, lb);
        sim.pair(t, lb, la);
    }

    @Test
    void everyFileOfOneWrite_statesTheSameSnapshotNumber_andTheNextWriteTheNext() throws IOException {
        Sim sim = sim(60_000);
        reversal(sim, "A", "B");
        for (long n = 1; n <= 2; n++) {
            sim.w.writeReports();
            assertEquals(n, ReportFiles.json(dir.resolve("witness.json")).get("snapshot").getAsLong());
            assertEquals(n, ReportFiles.text(dir.resolve("witness.txt")));
            assertEquals(n, ReportFiles.dot(dir.resolve("lock-order.dot")));
            assertEquals(n, ReportFiles.dot(dir.resolve("lock-order-reversal-1.dot")));
        }
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void reportFiles_haveTheModeOfAnyOtherFileTheProcessCreates() throws IOException {
        Sim sim = sim(60_000);
        reversal(sim, "A", "B");
        sim.w.writeReports();
        Path other = Files.createFile(dir.resolve("other"));
        for (String name : List.of("witness.json", "witness.txt", "lock-order.dot", "lock-order-reversal-1.dot")) {
            assertEquals(Files.getPosixFilePermissions(other), Files.getPosixFilePermissions(dir.resolve(name)), name);
        }
    }

    @Test
    void aFileThatCannotBeReplaced_doesNotCostTheOthers() throws IOException {
        Sim sim = sim(60_000);
        reversal(sim, "A", "B");
        Files.createDirectories(dir.resolve("witness.txt").resolve("in-the-way"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, sim.w::writeReports);
        assertTrue(e.getCause().getMessage().contains("witness.txt"), e.toString());
        assertEquals(1, ReportFiles.json(dir.resolve("witness.json")).get("snapshot").getAsLong());
        assertEquals(1, ReportFiles.dot(dir.resolve("lock-order.dot")));
        assertEquals(1, ReportFiles.dot(dir.resolve("lock-order-reversal-1.dot")));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void afterClose_aNewFindingWritesNothing_andTheExplicitWriteIsTheOneAfterTheLast() throws Exception {
        Sim sim = sim(0);
        reversal(sim, "A", "B");
        Path json = dir.resolve("witness.json");
        for (int i = 0; i < 400 && !Files.exists(json); i++) {
            Thread.sleep(25);
        }
        sim.w.close();
        long last = ReportFiles.json(json).get("snapshot").getAsLong();
        reversal(sim, "C", "D");
        Thread.sleep(300);
        assertEquals(last, ReportFiles.json(json).get("snapshot").getAsLong(), "the daemon wrote after close");
        sim.w.writeReports();
        assertEquals(last + 1, ReportFiles.json(json).get("snapshot").getAsLong());
        assertEquals(2, ReportFiles.json(json).getAsJsonArray("findings").size());
        assertFalse(Files.exists(dir.resolve("lock-order-reversal-3.dot")));
        assertEquals(List.of(), temporaryFiles());
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
