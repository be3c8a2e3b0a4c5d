package org.lockwitness.samples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.Trace;
import org.lockwitness.kernel.probe.Checker;

/**
 * Every guide example runs without the agent (unchecked) and ends as the guide says: COMPLETED, HUNG
 * where it deadlocks or loses a wakeup, HALTED where the model panics as FreeBSD does; and the
 * program output quoted in the guide is the example's.
 */
class GuideExamplesTest {

    static Stream<GuideExamples.Run> runs() {
        // the agent options do not change the run: one per example and form
        Set<String> seen = new HashSet<>();
        return GuideExamples.RUNS.stream().filter(r -> seen.add(r.example() + "/" + r.buggy()));
    }

    @ParameterizedTest
    @MethodSource("runs")
    @Timeout(90)
    void ends_as_the_guide_says(GuideExamples.Run r) throws ReflectiveOperationException {
        assertFalse(Checker.installed().isPresent(), "this test runs without the agent");
        RunResult result = GuideExamples.runHere(r);
        assertEquals(r.status(), result.status(), result::toString);
        assertTrue(result.steps() > 0, result::toString);
    }

    @Test
    @Timeout(90)
    void the_quoted_program_output_is_the_examples() throws IOException, ReflectiveOperationException {
        int checked = 0;
        for (GuideDoc.Block b : GuideDoc.blocks("stdout")) {
            RunResult result = GuideExamples.runHere(GuideExamples.named(b.argument()));
            assertEquals(b.lines(), List.of(result.toString().split("\n")), b.argument());
            checked++;
        }
        assertTrue(checked > 0, "no program output is quoted");
    }

    @Test
    @Timeout(90)
    void the_same_seed_gives_the_same_trace() throws ReflectiveOperationException {
        GuideExamples.Run r = GuideExamples.named("MachineAndThreads/buggy");
        Trace first = GuideExamples.runHere(r).trace();
        Trace second = GuideExamples.runHere(r).trace();
        assertTrue(first.size() > 0, "the run made scheduling decisions");
        assertEquals(first, second, "two machines built from one seed decide alike");
    }
}
