package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 12: the whole demo, every workload and variant in a JVM of its own, is right and exits 0.
 * Isolated: the demo runs two JVMs at a time itself, which is all two cores can take.
 */
@Isolated
class DemoIT {

    /**
     * Ten JVMs, two at a time, about 20 s of wall time on a quiet 2-core machine; the hang guard
     * leaves room for a busy machine, and each forked run has the demo's own limit too.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void every_workload_and_variant_gets_a_right_verdict_and_its_own_report() throws Exception {
        Path dir = Forked.dir("demo-all");
        Path runs = dir.resolve("runs");
        Forked.Result r = Forked.run(dir, "", "demo", "--report", runs.toString());
        assertEquals(Main.OK, r.status(), r.output());
        for (var w : Workloads.ALL) {
            String name = w.profile().name();
            assertTrue(r.output().lines().anyMatch(l -> l.matches(name + " +buggy +\\[.*] +\\[.*] +ok +\\d+\\.\\d s +\\S.*")),
                    name + " buggy in\n" + r.output());
            assertTrue(r.output().lines().anyMatch(l -> l.matches(name + " +fixed +\\[] +\\[] +ok +\\d+\\.\\d s +\\S.*")),
                    name + " fixed in\n" + r.output());
            assertTrue(Files.isRegularFile(runs.resolve(name + "-buggy").resolve("witness.json")), name);
            assertTrue(Files.isRegularFile(runs.resolve(name + "-fixed").resolve("lock-order.dot")), name);
            assertTrue(Files.isRegularFile(runs.resolve(name + "-buggy").resolve("index.html")), name + "\n" + r.output());
            assertTrue(Files.isRegularFile(runs.resolve(name + "-fixed").resolve("index.html")), name);
        }
        assertTrue(Files.isRegularFile(runs.resolve("smpng-subsystems-fixed").resolve("witness.conf")));
        assertTrue(r.output().lines().noneMatch(l -> l.startsWith("lockwitness:")),
                "the demo's own JVM runs no machine and says nothing of its agent:\n" + r.output());
        assertTrue(!Files.exists(dir.resolve("witness.json")), "nor writes a report of its own");
    }
}
