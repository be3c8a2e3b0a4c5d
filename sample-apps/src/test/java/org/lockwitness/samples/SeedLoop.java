package org.lockwitness.samples;

import java.time.Duration;
import java.util.List;
import org.lockwitness.kernel.RunResult;
import org.lockwitness.kernel.probe.Checker;
import org.lockwitness.kernel.probe.CheckerFinding;
import org.lockwitness.kernel.probe.ScheduleInfo;
import org.lockwitness.samples.explore.Schedule;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * A test-only entry point, run under the agent by {@link SeedsEndIT}: runs the random schedules of
 * seeds FROM..TO of one workload variant in this JVM, the checker reset before each, and prints one
 * line per seed ({@code seed S: STATUS [rules] N steps M ms}) and then {@code ended: seeds FROM..TO}. A run
 * that hits its wall-clock limit prints the CLI's TIMED_OUT lines and exits 3, as the CLI does.
 *
 * <p>Arguments: {@code NAME buggy|fixed FROM TO [STEPS [WALL_CLOCK_SECONDS]]}; STEPS defaults to the
 * workload's, the wall-clock limit of one run to 30 s.
 */
final class SeedLoop {

    static final String ENDED = "ended: seeds ";

    private SeedLoop() {
    }

    /** @param args {@code NAME buggy|fixed FROM TO [STEPS [WALL_CLOCK_SECONDS]]} */
    public static void main(String[] args) {
        Workload w = Workloads.named(args[0]).orElseThrow();
        Variant v = Variant.of(args[1]);
        long from = Long.parseLong(args[2]);
        long to = Long.parseLong(args[3]);
        long steps = args.length > 4 ? Long.parseLong(args[4]) : w.profile().steps();
        Duration limit = Duration.ofSeconds(args.length > 5 ? Long.parseLong(args[5]) : 30);
        Checker checker = Checker.installed();
        if (!checker.isPresent()) {
            System.err.println("SeedLoop: the agent is missing");
            System.exit(Main.NO_AGENT);
        }
        Runner runner = new Runner(w, v, w.profile().cpus(), steps, line -> { }, limit);
        Launcher launcher = Launcher.current(checker);
        for (long seed = from; seed <= to; seed++) {
            Schedule s = Schedule.random(seed);
            String replay = launcher.replay(List.of("run", w.profile().name(), "--variant", v.id(), "--steps",
                    Long.toString(steps), "--seed", Long.toString(seed)));
            checker.reset();
            checker.runInfo(new ScheduleInfo("seed loop", seed, s.kind().id(), replay, (int) (seed - from + 1)));
            long t0 = System.nanoTime();
            RunResult r = runner.run(s).result();
            List<CheckerFinding> findings = checker.findings();
            System.out.println("seed " + seed + ": " + r.status() + " " + Findings.rules(findings) + " " + r.steps()
                    + " steps " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            if (r.status() == RunResult.Status.TIMED_OUT) {
                Findings.timedOut(r, replay).forEach(System.out::println);
                System.exit(Main.TIMED_OUT);
            }
        }
        System.out.println(ENDED + from + ".." + to);
    }
}
