package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * Every workload and variant runs to completion without the agent (unchecked), and each does what
 * its seed says it does.
 */
class WorkloadsWithoutAgentTest {

    static Stream<Arguments> workloadsAndVariants() {
        return Workloads.ALL.stream()
                .flatMap(w -> Stream.of(Variant.values()).map(v -> Arguments.of(w.profile().name(), v)));
    }

    private static RunResult run(String name, Variant v, long seed, List<String> console) {
        Workload w = Workloads.named(name).orElseThrow();
        Runner runner = new Runner(w, v, w.profile().cpus(), w.profile().steps(), console::add);
        return runner.run(Schedule.random(seed)).result();
    }

    @ParameterizedTest
    @MethodSource("workloadsAndVariants")
    void runs_to_completion_unchecked(String name, Variant variant) {
        assertFalse(Checker.installed().isPresent());
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        RunResult r = run(name, variant, 1, console);
        assertEquals(RunResult.Status.COMPLETED, r.status(), r::toString);
        assertTrue(r.steps() > 1000, "it did some work: " + r);
    }

    @Test
    void the_same_seed_gives_the_same_trace() {
        List<String> console = new ArrayList<>();
        assertEquals(run("iflib-queues", Variant.BUGGY, 5, console).trace(),
                run("iflib-queues", Variant.BUGGY, 5, console).trace());
    }

    @Test
    void smpng_registers_its_policy_and_mpsafe_netintr_sends_its_packets() {
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        run("smpng-subsystems", Variant.BUGGY, 2, console);
        run("mpsafe-netintr", Variant.FIXED, 2, console);
        assertTrue(console.contains("mac_test: policy registered, 1 loaded"), console::toString);
        assertTrue(console.stream().anyMatch(l -> l.startsWith("em0: watchdog kicked if_start")), console::toString);
    }

    @Test
    void the_token_interlock_lets_getnewbuf_meet_the_seeds_race_and_the_spin_interlock_does_not() {
        List<String> buggy = Collections.synchronizedList(new ArrayList<>());
        List<String> fixed = Collections.synchronizedList(new ArrayList<>());
        for (long seed = 1; seed <= 20; seed++) {
            run("lockmgr-interlock", Variant.BUGGY, seed, buggy);
            run("lockmgr-interlock", Variant.FIXED, seed, fixed);
        }
        assertTrue(buggy.stream().anyMatch(l -> l.startsWith("getnewbuf: warning, locked buf")), buggy::toString);
        assertTrue(fixed.stream().noneMatch(l -> l.startsWith("getnewbuf")), fixed::toString);
    }
}
