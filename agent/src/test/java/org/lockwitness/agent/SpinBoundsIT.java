package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: SPIN_HELD_TOO_LONG counts the spinner's own iterations and the holder's own scheduling
 * points, not the machine's, so a spin lock held while other CPUs work is no finding, in either
 * mode; both bounds are agent options. The program is {@code org.lockwitness.testprograms.SpinBounds}.
 */
class SpinBoundsIT {

    private static final String PROGRAM = "org.lockwitness.testprograms.SpinBounds";
    private static final String RULE = "SPIN_HELD_TOO_LONG";

    @Test
    void otherCpusWork_isNeitherHoldNorSpinTime() throws Exception {
        for (String mode : List.of("deterministic", "parallel")) {
            Forked f = run("spin-bounds-" + mode, "", mode);
            assertEquals(List.of(), Forked.findings(f.json(), RULE), mode + ": " + f.json());
        }
    }

    @Test
    void theBounds_areAgentOptions() throws Exception {
        Forked held = run("spin-bounds-hold", "holdBound=2000", "deterministic", "3000");
        List<JsonObject> h = Forked.findings(held.json(), RULE);
        assertEquals(1, h.size(), held.json().toString());
        assertTrue(h.get(0).get("message").getAsString().contains(" held for 3000 scheduling points, more than 2000 @ "),
                h.toString());
        assertEquals(List.of("holder"), Forked.strings(h.get(0), "threads"));

        Forked spun = run("spin-bounds-spin", "spinBound=100", "deterministic", "3000");
        List<JsonObject> s = Forked.findings(spun.json(), RULE);
        assertEquals(1, s.size(), spun.json().toString());
        assertTrue(s.get(0).get("message").getAsString().contains(" spun on for 101 iterations, more than 100 @ "),
                s.toString());
        assertEquals(List.of("spinner"), Forked.strings(s.get(0), "threads"));
    }

    private static Forked run(String name, String options, String... args) throws Exception {
        Path dir = Forked.dir(name);
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, options)), true, PROGRAM, args);
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().startsWith("COMPLETED"), f.stdout());
        return f;
    }
}
