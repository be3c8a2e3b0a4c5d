package org.lockwitness.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.lockwitness.samples.workload.Variant;
import org.lockwitness.samples.workload.Workload;

/**
 * {@code demo}: one JVM per workload and variant, each under the agent jar of this JVM with its
 * own report directory, the interrupt windows its workload declares it needs ({@code windows=lines}
 * costs about five times {@code probes} per schedule) and the variant's witness configuration, running {@code run NAME
 * --variant V}; then a table of workload, variant, rules expected, rules found, verdict, seconds
 * and report directory. Once the rows are done, one command-line JVM writes every run's HTML report
 * ({@link HtmlReports}), when its jar is found. A JVM that exits 3 (a run hit its wall-clock limit) or outlives
 * {@link #TIMEOUT_SECONDS} is an infrastructure failure: the demo says TIMED_OUT for it and exits 3.
 *
 * <p>The forked JVMs run side by side, one per available processor (a DETERMINISTIC machine runs
 * one CPU at a time, so each keeps about one core busy); the table keeps the workloads' order.
 *
 * <p>Thread-safety: one demo per JVM; the worker threads only fork and wait, and record time-outs
 * in a synchronized list.
 */
final class Demo {

    /**
     * A row's JVM runs a few seconds of model code: the quick compiler alone costs about half the
     * CPU of tiered compilation there (measured: 3.4 s against 6.0 s of CPU for lockmgr-interlock's
     * fixed row), and a DETERMINISTIC run's schedules and verdicts do not depend on the compiler.
     */
    static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

    /** The longest one forked run may take; an infrastructure limit. */
    static final long TIMEOUT_SECONDS = 600;

    private final Launcher launcher;
    private final PrintStream out;
    private final PrintStream err;
    private final List<String> timedOut = Collections.synchronizedList(new ArrayList<>());
    private Optional<HtmlReports> html = Optional.empty();

    Demo(Launcher launcher, PrintStream out, PrintStream err) {
        this.launcher = launcher;
        this.out = out;
        this.err = err;
    }

    /** One row of the table. */
    private record Row(Workload workload, Variant variant, Verdict verdict, double seconds, Path dir) {
    }

    int run(List<Workload> workloads, Path reportBase) {
        try { // the agent's renderer tells which directories its option syntax can carry
            launcher.command(Map.of("report", reportBase.toAbsolutePath().toString()), List.of());
        } catch (IllegalArgumentException e) {
            err.println("lockwitness-samples: the agent cannot take this report directory: " + e.getMessage());
            return Main.USAGE;
        }
        html = HtmlReports.find(launcher);
        out.println(html.map(h -> "demo: an HTML report beside each witness.txt, by " + h.jar())
                .orElse("demo: no " + HtmlReports.JAR + " found (-Dlockwitness.cli.jar=JAR), so no HTML report"));
        List<Future<Row>> futures = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        ExecutorService side = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                r -> {
                    Thread t = new Thread(r, "demo fork");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (Workload w : workloads) {
                for (Variant v : Variant.values()) {
                    Path dir = reportBase.resolve(w.profile().name() + "-" + v.id()).toAbsolutePath();
                    out.println("demo: " + w.profile().name() + " --variant " + v.id() + ", report in " + dir);
                    futures.add(side.submit(() -> timed(w, v, dir)));
                }
            }
            for (Future<Row> f : futures) {
                rows.add(f.get());
            }
            writeHtml(reportBase, rows);
            print(rows);
        } catch (ExecutionException e) {
            err.println("lockwitness-samples: demo failed: " + e.getCause());
            return Main.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        } finally {
            side.shutdownNow();
        }
        if (!timedOut.isEmpty()) {
            timedOut.forEach(out::println);
            return Main.TIMED_OUT;
        }
        return rows.stream().allMatch(r -> r.verdict().ok()) ? Main.OK : Main.FAILED;
    }

    /** Every row's HTML report, beside its {@code witness.txt}, by one command-line JVM. */
    private void writeHtml(Path reportBase, List<Row> rows) throws InterruptedException {
        List<Path> dirs = rows.stream().map(Row::dir).filter(d -> Files.isRegularFile(d.resolve("witness.json")))
                .toList();
        if (html.isPresent() && !dirs.isEmpty()) {
            String problem = html.get().write(reportBase.toAbsolutePath(), dirs);
            if (problem != null) {
                err.println("demo: " + problem);
            }
        }
    }

    private Row timed(Workload w, Variant v, Path dir) {
        long start = System.nanoTime();
        Verdict verdict = fork(w, v, dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Row(w, v, verdict, seconds, dir);
    }

    private Verdict fork(Workload w, Variant v, Path dir) {
        try {
            Files.createDirectories(dir);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("report", dir.toString());
            options.put("windows", WindowsWarning.id(w.profile().windows()));
            Optional<String> config = w.witnessConfig(v);
            if (config.isPresent()) {
                Path file = dir.resolve("witness.conf");
                Files.writeString(file, config.get(), StandardCharsets.UTF_8);
                options.put("config", file.toString());
            }
            Path output = dir.resolve("output.txt");
            List<String> command = new ArrayList<>(
                    launcher.command(options, List.of("run", w.profile().name(), "--variant", v.id())));
            command.add(1, QUICK_COMPILER);
            Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                timedOut.add(Findings.TIMED_OUT + w.profile().name() + " --variant " + v.id() + ": the JVM hung, killed"
                        + " after " + TIMEOUT_SECONDS + " s; see " + output);
                return Verdict.failed(w, v, "timed out after " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() == Main.TIMED_OUT) {
                timedOut.add(Findings.TIMED_OUT + w.profile().name() + " --variant " + v.id()
                        + ": a run hit its wall-clock limit; see " + output);
            }
            Set<String> found = null;
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                Set<String> rules = Findings.parseRulesLine(line);
                found = rules != null ? rules : found;
            }
            if (p.exitValue() != Main.OK || found == null) {
                return Verdict.failed(w, v, "exit status " + p.exitValue() + ", see " + output);
            }
            return Verdict.of(w, v, found);
        } catch (IOException | IllegalArgumentException e) {
            return Verdict.failed(w, v, "cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.failed(w, v, "interrupted");
        }
    }

    private void print(List<Row> rows) {
        String format = "%-20s %-8s %-46s %-46s %-8s %8s  %s%n";
        out.printf(format, "workload", "variant", "rules expected", "rules found", "verdict", "time", "report");
        for (Row r : rows) {
            Verdict v = r.verdict();
            String verdict = v.ok() ? "ok" : "WRONG";
            out.printf(format, r.workload().profile().name(), r.variant().id(), v.expected(),
                    v.found() == null ? "-" : v.found(), verdict, String.format(java.util.Locale.ROOT, "%.1f s",
                            r.seconds()), r.dir());
            if (!v.note().isEmpty()) {
                out.println("  " + r.workload().profile().name() + " " + r.variant().id() + ": " + v.note());
            }
        }
    }
}
