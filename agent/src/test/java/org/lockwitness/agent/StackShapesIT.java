package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18, items 10–12, in forked JVMs: a {@code @LockWrapper}'s caller is the site, an
 * interrupt's boundary shows in a filter's stack, and {@code frames=all} keeps the model's frames
 * (the r222254 chain inside PREEMPT_IN_RENDEZVOUS).
 */
class StackShapesIT {

    private static final String PROGRAM = "org.lockwitness.testprograms.StackShapes";
    private static final Pattern BOUNDARY = Pattern.compile("--- interrupt [0-9]+ \\(dev\\) ---");

    @Test
    @Timeout(120)
    void lockWrapper_reportsItsCallersLines() throws Exception {
        Path dir = Forked.dir("stacks-wrapper");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, PROGRAM, "wrapper");
        assertEquals(0, f.await(), f.stderr());
        List<JsonObject> found = Forked.findings(f.json(), "LOCK_ORDER_REVERSAL");
        assertEquals(1, found.size(), f.json().toString());
        List<String> sites = Forked.strings(found.get(0), "sites");
        assertEquals(Forked.site("StackShapes", "SECOND"), sites.get(0), sites.toString());
        assertEquals(Forked.site("StackShapes", "DIRECT"), sites.get(1), sites.toString());
        assertFalse(sites.contains(Forked.site("StackShapes", "WRAPPER")), sites.toString());
        String message = found.get(0).get("message").getAsString();
        assertTrue(message.contains("@ " + Forked.site("StackShapes", "SECOND")), message);
        assertFalse(message.contains(Forked.site("StackShapes", "WRAPPER")), message);
    }

    @Test
    @Timeout(120)
    void aFiltersStack_showsTheInterruptBetweenTheFilterAndTheInterruptedCode() throws Exception {
        Path dir = Forked.dir("stacks-filter");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "")), true, PROGRAM, "filter");
        assertEquals(0, f.await(), f.stderr());
        List<JsonObject> found = Forked.findings(f.json(), "SLEEP_LOCK_IN_INTERRUPT");
        assertEquals(1, found.size(), f.json().toString());
        List<String> frames = frames(found.get(0), 0);
        int boundary = indexOf(frames, l -> BOUNDARY.matcher(l).matches());
        String filterSite = Forked.site("StackShapes", "FILTER");
        String raiserSite = Forked.site("StackShapes", "RAISER");
        int filter = indexOf(frames, l -> l.contains(filterSite));
        int raiser = indexOf(frames, l -> l.contains(raiserSite));
        assertTrue(filter >= 0 && filter < boundary && boundary < raiser, frames.toString());
        String text = Forked.read(f.report().resolve("witness.txt"));
        assertTrue(Pattern.compile("\n--- interrupt [0-9]+ \\(dev\\) ---\n#" + (boundary) + " ").matcher(text).find(),
                text);
    }

    @Test
    @Timeout(240)
    void framesAll_keepsTheModelsFramesOfTheRendezvousChain() throws Exception {
        Path dir = Forked.dir("stacks-frames-all");
        Forked f = Forked.run(dir, List.of(Forked.agent(dir, "windows=lines,frames=all")), true,
                "org.lockwitness.testprograms.Rendezvous", "historical", "1", "200");
        assertEquals(0, f.await(), f.stderr());
        assertTrue(f.stdout().contains("found PREEMPT_IN_RENDEZVOUS"), f.stdout() + f.stderr());
        List<JsonObject> found = Forked.findings(f.json(), "PREEMPT_IN_RENDEZVOUS");
        assertEquals(1, found.size(), f.json().toString());
        List<String> frames = frames(found.get(0), 0);
        System.out.println("PREEMPT_IN_RENDEZVOUS with frames=all:\n" + String.join("\n", frames));
        int miSwitch = indexOf(frames, l -> l.contains("org.lockwitness.kernel.Sched.miSwitch("));
        int criticalExit = indexOf(frames, l -> l.contains("org.lockwitness.kernel.Critical.exit("));
        int unlockSpin = indexOf(frames, l -> l.contains("org.lockwitness.kernel.Mtx.unlockSpin("));
        int action = indexOf(frames, l -> l.contains("org.lockwitness.kernel.Smp.rendezvousAction("));
        int ipi = frames.indexOf("--- IPI rendezvous ---");
        assertTrue(0 <= miSwitch && miSwitch < criticalExit && criticalExit < unlockSpin && unlockSpin < action
                && action < ipi, "mi_switch, critical_exit, mtx_unlock_spin, smp_rendezvous_action, the IPI: " + frames);
        assertTrue(frames.stream().noneMatch(l -> l.startsWith("org.lockwitness.agent.")
                || l.startsWith("org.lockwitness.witness.")), frames.toString());
    }

    private static List<String> frames(JsonObject finding, int stack) {
        List<String> out = new ArrayList<>();
        JsonObject s = finding.getAsJsonArray("stacks").get(stack).getAsJsonObject();
        for (JsonElement e : s.getAsJsonArray("frames")) {
            out.add(e.getAsString());
        }
        return out;
    }

    private static int indexOf(List<String> frames, java.util.function.Predicate<String> p) {
        for (int i = 0; i < frames.size(); i++) {
            if (p.test(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
