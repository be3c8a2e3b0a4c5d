package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When the reports are written, in forked JVMs: a JVM that runs no model code keeps the previous
 * report; at a normal exit and at a SIGTERM the final write is the last and one snapshot is in
 * every file; an unwritable report is said once and makes the exit status 3.
 */
@Timeout(120)
class ReportLifecycleIT {

    private static final String ABBA = "org.lockwitness.testprograms.Abba";
    private static final String HELLO = "org.lockwitness.testprograms.Hello";
    private static final String REVERSALS = "org.lockwitness.testprograms.Reversals";
    private static final Pattern FIRST_LINE = Pattern.compile("(?:#|//) lockwitness snapshot ([0-9]+)\n.*",
            Pattern.DOTALL);

    @Test
    void aJvmThatRunsNoModelCode_leavesThePreviousReportAsItWas_andSaysSoInOneLine() throws Exception {
        Path dir = Forked.dir("lifecycle-keep");
        String agent = Forked.agent(dir, "");
        assertEquals(0, Forked.run(dir, List.of(agent), true, ABBA).await());
        Map<String, String> before = files(dir.resolve("report"));
        assertTrue(before.containsKey("witness.json"), before.keySet().toString());
        for (boolean withModel : new boolean[] {false, true}) {
            Forked hello = Forked.run(dir, List.of(agent), withModel, HELLO);
            assertEquals(0, hello.await(), hello.stderr());
            assertEquals(before, files(dir.resolve("report")), "with the model on the class path: " + withModel);
            List<String> lines = hello.stderr().lines().filter(l -> l.startsWith("lockwitness:")).toList();
            assertEquals(1, lines.size(), hello.stderr());
            assertTrue(lines.get(0).endsWith("no report was written; " + dir.resolve("report") + " is left as it was"),
                    lines.get(0));
        }
    }

    @Test
    void aJvmThatOnlyLaunchesCheckedJvms_endsWithoutALineAndWritesNoReport() throws Exception {
        Path dir = Forked.dir("lifecycle-launcher");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, "org.lockwitness.testprograms.LaunchOnly");
        assertEquals(0, f.await(), f.stderr());
        assertEquals(List.of(), f.stderr().lines().filter(l -> l.startsWith("lockwitness:")).toList(), f.stderr());
        assertFalse(Files.exists(dir.resolve("report")), "no report directory");
    }

    @Test
    void normalExits_whileFindingsKeepComing_leaveOneSnapshotInEveryFileAndNoTemporaryFile() throws Exception {
        for (int run = 0; run < 3; run++) {
            Path dir = Forked.dir("lifecycle-exit-" + run);
            Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, REVERSALS, "25");
            assertEquals(0, f.await(), f.stderr());
            assertEquals(25, assertOneSnapshot(f.report()), f.stderr());
        }
    }

    @Test
    void sigterm_whileFindingsKeepComing_leavesOneSnapshotInEveryFileAndNoTemporaryFile() throws Exception {
        Path dir = Forked.dir("lifecycle-sigterm");
        Forked f = Forked.start(dir, List.of(Forked.agent(dir, "")), true, REVERSALS, "forever");
        try {
            f.awaitOutput("round 1");
            Forked.awaitTrue(() -> Files.exists(f.report().resolve("lock-order-reversal-10.dot")), "ten reversals");
            f.process.destroy();
            f.await();
        } finally {
            f.process.destroyForcibly();
        }
        assertTrue(assertOneSnapshot(f.report()) >= 10, f.stderr());
        assertTrue(f.stderr().contains("report in " + f.report()), f.stderr());
    }

    @Test
    void anUnwritableReport_isSaidOnce_andMainsNormalReturnExitsWith3_evenWithFailFindings() throws Exception {
        Path dir = Forked.dir("lifecycle-unwritable");
        Path report = Files.createFile(dir.resolve("a-file")).resolve("report");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "report=" + report + ",fail=all")), true, ABBA);
        assertEquals(MainReturn.INFRASTRUCTURE, f.await(), f.stderr());
        assertEquals("ran COMPLETED", f.stdout().trim());
        assertEquals(1, f.stderr().lines().filter(l -> l.contains(report.toString())).count(), f.stderr());
        assertTrue(f.stderr().contains("; the report could not be written to " + report + ": "), f.stderr());
        assertFalse(f.stderr().contains("report in"), f.stderr());
    }

    @Test
    void anUnwritableReport_keepsTheStatusOfAnExplicitSystemExit() throws Exception {
        Path dir = Forked.dir("lifecycle-unwritable-exit");
        Path report = Files.createFile(dir.resolve("a-file")).resolve("report");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "report=" + report)), true, REVERSALS, "2", "5");
        assertEquals(5, f.await(), f.stderr());
        assertTrue(f.stderr().contains("; the report could not be written to " + report + ": "), f.stderr());
    }

    /**
     * Checks that no temporary file is left, that witness.json parses strictly, and that every
     * file states the snapshot of witness.json, whose findings witness.txt lists one header each.
     *
     * @return the number of findings
     */
    private static int assertOneSnapshot(Path report) throws IOException {
        Map<String, String> files = files(report);
        assertFalse(files.keySet().stream().anyMatch(n -> n.startsWith(".") || n.endsWith(".tmp")),
                files.keySet().toString());
        JsonObject json;
        try (JsonReader r = new JsonReader(new StringReader(files.get("witness.json")))) {
            r.setStrictness(Strictness.STRICT);
            json = JsonParser.parseReader(r).getAsJsonObject();
        }
        long snapshot = json.get("snapshot").getAsLong();
        int findings = json.getAsJsonArray("findings").size();
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (!e.getKey().equals("witness.json")) {
                Matcher m = FIRST_LINE.matcher(e.getValue());
                assertTrue(m.matches(), e.getKey() + ": " + e.getValue());
                assertEquals(snapshot, Long.parseLong(m.group(1)), e.getKey());
            }
        }
        assertEquals(findings, files.get("witness.txt").lines().filter(l -> l.startsWith("# LOCK_ORDER_REVERSAL"))
                .count());
        assertEquals(findings + 3, files.size(), files.keySet().toString());
        return findings;
    }

    /** Every file of the directory by name, with its content. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                out.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return out;
    }
}
