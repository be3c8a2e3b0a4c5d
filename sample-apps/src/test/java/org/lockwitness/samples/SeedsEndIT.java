package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * No schedule hangs the JVM: every workload, both variants, the random schedules of seeds
 * 1..{@value #SEEDS} under {@code windows=lines}, one JVM per workload and variant looping the
 * seeds in process ({@link SeedLoop}), two JVMs at a time. Every run must end (COMPLETED, HUNG,
 * HALTED or STEP_LIMIT; never TIMED_OUT, and the JVM must exit), and no fixed variant may report a
 * finding. To stay within CI's budget a run stops at {@value #STEPS} scheduling points (STEP_LIMIT); the
 * seed count is never cut. (Seed 8 of iflib-queues hung the JVM within the first 10,000 points
 * while a window in the softclock's construction handed the CPU away under a Java monitor.)
 * Isolated: it runs two JVMs at a time itself.
 */
@Isolated
class SeedsEndIT {

    static final int SEEDS = 40;
    static final long STEPS = 20_000;
    /** The wall-clock limit of one run, in seconds. */
    static final long RUN_SECONDS = 30;
    /** How long one JVM may take for all its seeds, in seconds. */
    static final long JVM_SECONDS = 240;

    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void every_seed_of_every_workload_ends_and_no_fixed_variant_reports_a_finding() throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> jobs = new ArrayList<>();
        try {
            for (Workload w : Workloads.ALL) {
                for (Variant v : Variant.values()) {
                    jobs.add(pool.submit(() -> loop(w, v)));
                }
            }
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> job : jobs) {
                problems.addAll(job.get());
            }
            System.out.printf(Locale.ROOT, "SeedsEndIT: %d JVMs x %d seeds in %.1f s%n", jobs.size(), SEEDS,
                    (System.nanoTime() - t0) / 1e9);
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return what is wrong with the seeds of one workload variant, or nothing */
    private static List<String> loop(Workload w, Variant v) throws Exception {
        String name = w.profile().name();
        Path dir = Forked.dir("seeds-" + name + "-" + v.id());
        String config = "";
        if (w.witnessConfig(v).isPresent()) {
            Path file = dir.resolve("witness.conf");
            Files.writeString(file, w.witnessConfig(v).get(), StandardCharsets.UTF_8);
            config = "config=" + file;
        }
        long t0 = System.nanoTime();
        Forked.Result r = Forked.runTestMain(dir, config, JVM_SECONDS, SeedLoop.class, name, v.id(), "1",
                Integer.toString(SEEDS), Long.toString(STEPS), Long.toString(RUN_SECONDS));
        System.out.printf(Locale.ROOT, "SeedsEndIT: %s --variant %s: %.1f s%n", name, v.id(),
                (System.nanoTime() - t0) / 1e9);
        String what = name + " --variant " + v.id() + ": ";
        List<String> problems = new ArrayList<>();
        if (r.status() != Main.OK || !r.output().contains(SeedLoop.ENDED + "1.." + SEEDS)) {
            problems.add(what + "exit status " + r.status() + "\n" + r.output());
            return problems;
        }
        List<String> seeds = r.output().lines().filter(l -> l.startsWith("seed ")).toList();
        if (seeds.size() != SEEDS) {
            problems.add(what + seeds.size() + " seed lines\n" + r.output());
        }
        for (String line : seeds) {
            if (line.contains(" TIMED_OUT ") || (v == Variant.FIXED && !line.contains(" [] "))) {
                problems.add(what + line);
            }
        }
        return problems;
    }
}
