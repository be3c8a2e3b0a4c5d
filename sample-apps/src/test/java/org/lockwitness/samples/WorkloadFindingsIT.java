package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * Issue 12 under the agent: each buggy variant's findings (rules, locks named, sites in the
 * workload's own code), each fixed variant's silence, and the same {@code run --seed} twice.
 */
class WorkloadFindingsIT {

    private static Forked.Result run(String name, Variant v, String... extra) throws Exception {
        Workload w = Workloads.named(name).orElseThrow();
        Path dir = Forked.dir(name + "-" + v.id() + (extra.length > 0 ? "-seeded" : ""));
        String config = "";
        if (w.witnessConfig(v).isPresent()) {
            Path file = dir.resolve("witness.conf");
            Files.writeString(file, w.witnessConfig(v).get(), StandardCharsets.UTF_8);
            config = "config=" + file;
        }
        List<String> args = new ArrayList<>(List.of("run", name, "--variant", v.id()));
        args.addAll(List.of(extra));
        Forked.Result r = Forked.run(dir, config, args.toArray(new String[0]));
        assertEquals(Main.OK, r.status(), r.output());
        return r;
    }

    private static void assertFinding(Forked.Result r, String rule, String lock, String site) {
        String line = Forked.line(r.output(), "  " + rule + ":");
        assertTrue(line.contains("| locks [") && line.replaceAll(".*\\| locks \\[([^]]*)].*", "$1").contains(lock),
                lock + " in " + line);
        assertTrue(line.replaceAll(".*\\| sites \\[([^]]*)].*", "$1").contains(site), site + " in " + line);
    }

    /** A fixed variant runs its whole exploration budget to show silence: the hang guard leaves room for that. */
    @ParameterizedTest
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    @ValueSource(strings = {"iflib-queues", "lockmgr-interlock", "mpsafe-netintr", "smpng-subsystems"})
    void the_fixed_variant_reports_nothing(String name) throws Exception {
        Forked.Result r = run(name, Variant.FIXED);
        assertEquals(List.of(), r.reportRules(), r.output());
    }

    @Test
    void iflib_buggy_reverses_ctx_state_txq_and_sleeps_in_a_filter() throws Exception {
        Forked.Result r = run("iflib-queues", Variant.BUGGY);
        assertTrue(new TreeSet<>(r.reportRules()).containsAll(Set.of("LOCK_ORDER_REVERSAL", "SLEEP_LOCK_IN_INTERRUPT")),
                r.output());
        assertFinding(r, "LOCK_ORDER_REVERSAL", "ix0", "IflibCtx.java:");
        assertFinding(r, "LOCK_ORDER_REVERSAL", "iflib state lock", "IflibCtx.java:");
        assertFinding(r, "SLEEP_LOCK_IN_INTERRUPT", "ixgbe link", "IxgbeLink.java:");
    }

    @Test
    void lockmgr_buggy_loses_a_wakeup_and_meets_getnewbufs_race() throws Exception {
        Forked.Result r = run("lockmgr-interlock", Variant.BUGGY);
        assertTrue(r.reportRules().contains("LOST_WAKEUP"), r.output());
        assertTrue(Forked.line(r.output(), "  LOST_WAKEUP:").contains("bufdaemon sleeps forever on \"bd_request\""),
                r.output());
        assertTrue(r.output().contains("getnewbuf: warning, locked buf"), r.output());
        assertTrue(r.reportRules().contains("ASSERTION_FAILED"), r.output());
        assertFinding(r, "ASSERTION_FAILED", "bufwait", "BufQueues.java:");
    }

    @Test
    void mpsafe_netintr_buggy_enters_if_start_without_the_serializer_and_fwohci_without_giant() throws Exception {
        Forked.Result r = run("mpsafe-netintr", Variant.BUGGY);
        assertEquals(Set.of("REQUIRED_LOCK_NOT_HELD"), new TreeSet<>(r.reportRules()), r.output());
        String out = r.output();
        assertTrue(out.contains("EmDriver.ifStart entered without lock \"ifnet\" held @ EmDriver.java:"), out);
        assertTrue(out.contains("FwohciDriver.intr entered without lock \"Giant\" held @ FwohciDriver.java:"), out);
    }

    @Test
    void smpng_buggy_reverses_process_and_sigio_and_waits_on_the_mac_cv_with_a_mutex() throws Exception {
        Forked.Result r = run("smpng-subsystems", Variant.BUGGY);
        assertEquals(Set.of("LOCK_ORDER_REVERSAL", "SLEEP_WITH_LOCKS_HELD"), new TreeSet<>(r.reportRules()),
                r.output());
        assertFinding(r, "LOCK_ORDER_REVERSAL", "sigio lock", "Sigio.java:");
        String lor = Forked.line(r.output(), "  LOCK_ORDER_REVERSAL:");
        assertTrue(lor.contains("process lock"), lor);
        assertFalse(lor.contains("Proc.java:"), "PROC_LOCK is a @LockWrapper: its callers' lines, not its own: " + lor);
        assertFinding(r, "SLEEP_WITH_LOCKS_HELD", "process lock", "MacPolicyList.java:");
    }

    @Test
    void the_same_seed_gives_the_same_findings_twice() throws Exception {
        Forked.Result a = run("smpng-subsystems", Variant.BUGGY, "--seed", "7");
        String hash = a.eventTraceHash();
        String findings = a.findingsJson();
        Forked.Result b = run("smpng-subsystems", Variant.BUGGY, "--seed", "7");
        assertEquals(findingLines(a.output()), findingLines(b.output()));
        assertEquals(hash, b.eventTraceHash());
        assertEquals(findings, b.findingsJson(), "witness.json's findings, every field");
    }

    private static List<String> findingLines(String output) {
        return output.lines().filter(l -> l.startsWith("  ") || l.startsWith(Findings.RULES_FOUND)).toList();
    }
}
