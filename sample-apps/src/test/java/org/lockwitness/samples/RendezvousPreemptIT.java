package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockwitness.samples.rendezvous.RendezvousPreempt;

/**
 * Issue 11 under the agent: exploring the buggy variant with PCT finds PREEMPT_IN_RENDEZVOUS, the
 * printed command replays it with the same finding and the same traces, the fixed variant with the
 * same budget finds nothing, and {@code demo} restricted to this workload gives both verdicts.
 */
class RendezvousPreemptIT {

    @Test
    void pct_finds_the_preemption_and_its_replay_gives_the_same_finding_and_traces() throws Exception {
        Forked.Result explore = Forked.run(Forked.dir("explore-pct"), "", "explore", "rendezvous-preempt",
                "--strategy", "pct");
        assertEquals(Main.OK, explore.status(), explore.output());
        assertTrue(explore.output().contains("found PREEMPT_IN_RENDEZVOUS: "), explore.output());
        String replay = Forked.line(explore.output(), ExploreCommand.REPLAY);
        List<String> words = Arrays.asList(replay.split(" "));
        List<String> runArgs = words.subList(words.indexOf("run"), words.size());
        assertTrue(runArgs.containsAll(List.of("--strategy", "pct", "--seed")), replay);

        Forked.Result again = Forked.run(Forked.dir("replay-pct"), "", runArgs.toArray(new String[0]));
        assertEquals(Main.OK, again.status(), again.output());
        String trace = Forked.line(explore.output(), "  COMPLETED").replaceAll(".*; trace ", "");
        assertTrue(again.output().contains("; trace " + trace), trace + " vs\n" + again.output());
        assertTrue(again.reportRules().contains("PREEMPT_IN_RENDEZVOUS"), again.output());
        assertEquals(explore.eventTraceHash(), again.eventTraceHash());
        assertEquals(finding(explore.output()), finding(again.output()));
        String text = again.witnessText();
        assertTrue(text.contains("mi_switch (PREEMPT) in an SMP rendezvous handler @ Netisr.java:"), text);
    }

    private static String finding(String output) {
        return Forked.line(output, "  PREEMPT_IN_RENDEZVOUS").replaceAll("\\| count .*", "");
    }

    @Test
    void the_fixed_variant_with_the_same_budget_finds_nothing() throws Exception {
        Forked.Result r = Forked.run(Forked.dir("explore-fixed"), "", "explore", "rendezvous-preempt", "--variant",
                "fixed", "--strategy", "pct");
        assertEquals(Main.FAILED, r.status(), r.output());
        int budget = new RendezvousPreempt().profile().budget().orElseThrow().schedules();
        assertTrue(r.output().contains("nothing found: " + budget + " schedules"), r.output());
        assertEquals(List.of(), r.reportRules());
    }

    @Test
    void demo_of_this_workload_gives_both_verdicts() throws Exception {
        Path dir = Forked.dir("demo");
        Forked.Result r = Forked.run(dir, "", "demo", "rendezvous-preempt", "--report", dir.resolve("runs").toString());
        assertEquals(Main.OK, r.status(), r.output());
        assertTrue(r.output().lines().anyMatch(l -> l.matches(
                "rendezvous-preempt +buggy +\\[PREEMPT_IN_RENDEZVOUS] +\\[PREEMPT_IN_RENDEZVOUS] +ok +\\d+\\.\\d s +\\S.*")), r.output());
        assertTrue(r.output().lines().anyMatch(l -> l.matches("rendezvous-preempt +fixed +\\[] +\\[] +ok +\\d+\\.\\d s +\\S.*")),
                r.output());
    }
}
