package org.lockwitness.kernel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the no-op checker, and a checker that overrides only the abstract methods, answer. */
class CheckerTest {

    /** A checker that keeps every default. */
    private static final class Minimal extends Checker {
        @Override
        public boolean isPresent() {
            return true;
        }

        @Override
        public void reset() {
        }

        @Override
        public List<CheckerFinding> findings() {
            return List.of();
        }

        @Override
        public void runInfo(ScheduleInfo info) {
        }
    }

    @Test
    void theNoOpChecker_rendersNoAgentArgumentHasNoOptionsAndWoveOnlyTheModelsOwnWindows() {
        Checker none = Checker.none();
        assertFalse(none.isPresent());
        assertEquals(Optional.empty(), none.javaAgentArgument(Map.of("report", "/tmp/r")));
        assertEquals(Map.of(), none.agentOptions());
        assertEquals(Checker.Windows.PROBES, none.windows());
    }

    @Test
    void theDefaults_areTheNoOpCheckersAnswers() {
        Checker c = new Minimal();
        assertEquals(Optional.empty(), c.javaAgentArgument(Map.of()));
        assertEquals(Map.of(), c.agentOptions());
        assertEquals(Checker.Windows.PROBES, c.windows());
        assertThrows(NullPointerException.class, () -> c.javaAgentArgument(null));
    }
}
