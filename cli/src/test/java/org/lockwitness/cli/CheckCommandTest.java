package org.lockwitness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check and baseline through the command line: lines printed and the exit-status table. */
class CheckCommandTest {
    private static final String XY = "LOCK_ORDER_REVERSAL|lock=x (sleep mutex)|lock=y (sleep mutex)";
    private static final String GIANT = "REQUIRED_LOCK_NOT_HELD|lock=Giant (?)|method=FwohciDriver.intr";

    @TempDir
    Path tmp;
    private String runs;

    @BeforeEach
    void twoRuns() {
        Fixtures.run(tmp.resolve("runs/one")).nest("A.java", 10, "x", "y")
                .missing("Giant", "FwohciDriver.java", 18, "FwohciDriver.intr").write();
        Fixtures.run(tmp.resolve("runs/two")).nest("B.java", 50, "y", "x").write();
        runs = tmp.resolve("runs").toString();
    }

    @Test
    void withoutFail_printsEachNewFinding_andPasses() {
        Fixtures.Result r = Fixtures.cli("check", runs);
        assertEquals(0, r.status(), r::toString);
        assertEquals(List.of(GIANT + ": FwohciDriver.intr entered without lock \"Giant\" held @ FwohciDriver.java:18",
                "LOCK_ORDER_REVERSAL " + XY
                        + ": lock order reversal across runs: x -> y (one), y -> x (two) @ A.java:11",
                "lockwitness: passed, no rule failed (2 finding(s): 2 new, 0 in the baseline, 0 suppressed)"),
                r.lines().stream().map(l -> l.startsWith("REQUIRED") ? l.substring("REQUIRED_LOCK_NOT_HELD ".length())
                        : l).toList());
    }

    @Test
    void aFailRule_fails_namingTheRule() {
        Fixtures.Result r = Fixtures.cli("check", runs, "--fail", "LOCK_ORDER_REVERSAL+DEADLOCK");
        assertEquals(1, r.status(), r::toString);
        assertEquals("lockwitness: FAILED: LOCK_ORDER_REVERSAL (2 finding(s): 2 new, 0 in the baseline, 0 suppressed)",
                r.lines().get(2));
        assertEquals(1, Fixtures.cli("check", runs, "--fail", "all").status());
        assertEquals(0, Fixtures.cli("check", runs, "--fail", "none").status());
        assertEquals(0, Fixtures.cli("check", runs, "--fail", "DEADLOCK").status());
        Fixtures.Result one = Fixtures.cli("check", tmp.resolve("runs/one/witness.json").toString(), "--fail", "all");
        assertEquals(1, one.status(), one::toString);
        assertTrue(one.out().contains("FAILED: REQUIRED_LOCK_NOT_HELD ("), "a witness.json named for its directory");
    }

    @Test
    void theBaseline_listsEveryKeyWithAComment_andKnownKeysDoNotFail() throws IOException {
        Path file = tmp.resolve("lockwitness-baseline.txt");
        Fixtures.Result b = Fixtures.cli("baseline", runs, "--out", file.toString());
        assertEquals(0, b.status(), b::toString);
        assertEquals(Set.of(XY, GIANT), Baseline.read(file));
        String text = Files.readString(file);
        assertTrue(text.contains(GIANT + "  # REQUIRED_LOCK_NOT_HELD: FwohciDriver.intr entered without lock \"Giant\" "
                + "held @ FwohciDriver.java:18\n"), text);
        Fixtures.Result r = Fixtures.cli("check", runs, "--fail", "all", "--baseline", file.toString());
        assertEquals(0, r.status(), r::toString);
        assertEquals(List.of("lockwitness: passed, no rule failed (2 finding(s): 0 new, 2 in the baseline, "
                + "0 suppressed)"), r.lines());
        Files.writeString(file, "# edited: the reversal is no longer known\n" + GIANT + "   # still known\n");
        assertEquals(1, Fixtures.cli("check", runs, "--fail", "all", "--baseline", file.toString()).status());
    }

    @Test
    void aSuppressLine_inTheConfig_keepsTheFindingFromFailing() throws IOException {
        Path conf = tmp.resolve("lockwitness.conf");
        Files.writeString(conf, "suppress: " + XY + "   # the two programs never run in one JVM\n");
        Fixtures.Result r = Fixtures.cli("check", runs, "--fail", "LOCK_ORDER_REVERSAL", "--config", conf.toString());
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("1 new, 0 in the baseline, 1 suppressed"), r::toString);
        assertTrue(r.lines().stream().noneMatch(l -> l.startsWith("LOCK_ORDER_REVERSAL")), r::toString);
    }

    @Test
    void noData_isSaidOnce_andFailsOnlyWhenRequired() {
        Path missing = tmp.resolve("missing");
        Path empty = tmp.resolve("runs/one").getParent().resolve("../empty").normalize();
        assertTrue(empty.toFile().mkdirs());
        Fixtures.Result r = Fixtures.cli("check", missing.toString(), empty.toString(), "--fail", "all");
        assertEquals(0, r.status(), r::toString);
        assertEquals(List.of("lockwitness: no data: no witness.json in " + missing + ", " + empty), r.err().lines()
                .toList());
        Fixtures.Result required = Fixtures.cli("check", runs, missing.toString(), "--require-data");
        assertEquals(3, required.status(), required::toString);
        assertTrue(required.err().contains("no data"), required::toString);
    }

    @Test
    void anUnreadableReport_orAnUnwritableOutput_isInfrastructure() throws IOException {
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("witness.json"), "{\"findings\": [");
        Fixtures.Result r = Fixtures.cli("check", bad.toString());
        assertEquals(3, r.status(), r::toString);
        assertTrue(r.err().startsWith("lockwitness: cannot read " + bad.resolve("witness.json")), r::toString);
        Files.writeString(bad.resolve("witness.json"),
                "{\"tool\": {\"name\": \"lockwitness\", \"schemaVersion\": \"2.0\"}}");
        assertTrue(Fixtures.cli("check", bad.toString()).err().contains("schemaVersion 2.0 is not 1.x"));
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "");
        Fixtures.Result out = Fixtures.cli("check", runs, "--sarif", file.resolve("out.sarif").toString());
        assertEquals(3, out.status(), out::toString);
        assertTrue(out.err().contains("cannot write"), out::toString);
        assertEquals(3, Fixtures.cli("check", runs, "--baseline", tmp.resolve("no-such-baseline").toString()).status());
    }

    @Test
    void badUsage_exits2_withTheUsage() throws IOException {
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "suppress: " + XY + "\n");
        String[][] cases = {
            {"check", runs, "--no-such-option"},
            {"check", runs, "--fail", "LOCK_ORDER_REVERSALS"},
            {"check"},
            {"check", "--namespace", "no-equals-sign"},
            {"check", runs, "--config", conf.toString()},
            {"frobnicate"},
            {},
            {"merge", runs},
        };
        for (String[] args : cases) {
            Fixtures.Result r = Fixtures.cli(args);
            assertEquals(2, r.status(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.err().contains("Usage: lockwitness-cli"), () -> String.join(" ", args) + "\n" + r);
        }
        assertTrue(Fixtures.cli("check", runs, "--config", conf.toString()).err().contains("needs a reason"));
    }

    @Test
    void namespaces_fromTheCommandLine_keepRunsApart() {
        Fixtures.Result r = Fixtures.cli("check", "--namespace", "web=" + tmp.resolve("runs/one"),
                "--namespace", "db=" + tmp.resolve("runs/two"), "--fail", "LOCK_ORDER_REVERSAL");
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("REQUIRED_LOCK_NOT_HELD|lock=web::Giant (?)|method=FwohciDriver.intr"),
                r::toString);
    }
}
