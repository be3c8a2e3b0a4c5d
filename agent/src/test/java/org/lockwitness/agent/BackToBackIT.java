package org.lockwitness.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: 200 PARALLEL machines back to back in one JVM, three JVMs, none with a finding. Each
 * machine completes while its daemon, on another CPU, is anywhere, the sched lock included; its
 * events once reached the witness while the next machine ran on the same CPU numbers, which lost
 * the new machine's sched lock (a false RELEASE_NOT_OWNED at {@code unknown:0}) and corrupted the
 * per-CPU held locks. The program is {@code org.lockwitness.testprograms.MachineLoop}.
 */
class BackToBackIT {

    private static final String LOOP = "org.lockwitness.testprograms.MachineLoop";
    private static final int JVMS = 3;

    @Test
    void twoHundredParallelMachines_backToBack_reportNothing() throws Exception {
        List<Forked> jvms = new ArrayList<>();
        for (int i = 0; i < JVMS; i++) {
            if (i >= 2) {
                jvms.get(i - 2).await();
            }
            Path dir = Forked.dir("back-to-back-" + i);
            jvms.add(Forked.start(dir, List.of(Forked.agent(dir, "")), true, LOOP, "parallel", "200", "keep", "5"));
        }
        for (Forked f : jvms) {
            assertEquals(0, f.await(), f.stderr());
            assertTrue(f.stdout().startsWith("machines 200: "), f.stdout());
            JsonObject json = f.json();
            assertEquals(0, json.getAsJsonArray("findings").size(), json.getAsJsonArray("findings").toString());
            assertEquals(200, json.getAsJsonObject("runs").get("total").getAsLong());
            assertEquals(0, json.getAsJsonObject("runs").get("threadHandles").getAsInt());
        }
    }
}
