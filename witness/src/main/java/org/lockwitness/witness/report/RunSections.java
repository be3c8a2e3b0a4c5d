package org.lockwitness.witness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonWriter;

import org.lockwitness.witness.Finding;
import org.lockwitness.witness.RunRef;

/**
 * The machine runs in both reports: {@code witness.json}'s {@code runs} object and each finding's
 * {@code firstSeen} and {@code panic}; {@code witness.txt}'s short runs section after its first
 * line, and a first-seen line and a panic line closing each finding (after its message and stacks,
 * which stay FreeBSD's lines as they were). The text section is written only when machine runs are
 * known, and leaves out the wall time, so that one seed gives the same {@code witness.txt} each time. Stateless; called by {@link JsonReport} and {@link TextReport} only.
 */
final class RunSections {
    private RunSections() {
    }

    /** The {@code runs} member of {@code witness.json}. */
    static void json(ReportSnapshot.MachineRuns runs, JsonWriter w) throws IOException {
        w.name("runs").beginObject();
        w.name("total").value(runs.total());
        w.name("byOutcome").beginObject();
        for (Map.Entry<String, Long> e : runs.byOutcome().entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
        w.name("listLimit").value(runs.listLimit());
        w.name("unlisted").value(runs.unlisted());
        w.name("threadHandles").value(runs.threadHandles());
        w.name("maxThreadHandles").value(runs.maxThreadHandles());
        w.name("listed").beginArray();
        for (ReportSnapshot.MachineRun r : runs.listed()) {
            w.beginObject().name("index").value(r.index()).name("seed").value(r.seed())
                    .name("strategy").value(r.strategy()).name("mode").value(r.mode()).name("cpus").value(r.cpus())
                    .name("schedule").value(r.schedule()).name("replay").value(r.replay())
                    .name("outcome").value(r.outcome()).name("reason").value(r.reason()).name("waiters");
            w.beginArray();
            for (String waiter : r.waiters()) {
                w.value(waiter);
            }
            w.endArray();
            w.name("steps").value(r.steps()).name("wallMillis").value(r.wallMillis())
                    .name("findings").value(r.findings()).endObject();
        }
        w.endArray();
        w.endObject();
    }

    /**
     * A finding's {@code firstSeen} (null when unknown) and {@code panic} (null when none) members, and its
     * {@code test} member when a test was named.
     */
    static void json(Finding f, JsonWriter w) throws IOException {
        RunRef r = f.firstSeen();
        w.name("firstSeen");
        if (r == null) {
            w.nullValue();
        } else {
            w.beginObject().name("run").value(r.run()).name("seed").value(r.seed()).name("strategy")
                    .value(r.strategy()).name("schedule").value(r.schedule()).name("replay").value(r.replay())
                    .endObject();
        }
        w.name("panic").value(f.panic());
        if (f.test() != null) {
            w.name("test").jsonValue(JsonEscape.quote(f.test()));
        }
    }

    /** The runs section of {@code witness.txt}, when machine runs are known. */
    static void text(ReportSnapshot.MachineRuns runs, Writer w) throws IOException {
        if (runs.total() == 0 && runs.listed().isEmpty()) {
            return;
        }
        List<String> counts = new ArrayList<>();
        runs.byOutcome().forEach((outcome, n) -> counts.add(outcome + "=" + n));
        w.write("# machine runs: " + runs.total() + " " + counts + "; notable runs (not COMPLETED, or with findings)"
                + " listed: " + runs.listed().size() + ", at most " + runs.listLimit() + ", " + runs.unlisted()
                + " more counted only\n");
        for (ReportSnapshot.MachineRun r : runs.listed()) {
            w.write("# run " + r.index() + ": seed " + r.seed() + " " + r.strategy() + ", " + r.cpus() + " cpus "
                    + r.mode() + (r.schedule() == null ? "" : ", schedule " + r.schedule()) + ": " + r.outcome()
                    + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")") + " after " + r.steps()
                    + " scheduling points, " + r.findings() + " finding(s)\n");
            for (String waiter : r.waiters()) {
                w.write("#   waiting: " + waiter + "\n");
            }
            if (r.replay() != null) {
                w.write("#   replay: " + r.replay() + "\n");
            }
        }
    }

    /** The first-seen and panic lines that close a finding, when known. */
    static void text(Finding f, Writer w) throws IOException {
        RunRef r = f.firstSeen();
        if (r != null) {
            w.write("# first seen in run " + r.run() + " (seed " + r.seed() + ", " + r.strategy()
                    + (r.schedule() == null ? "" : ", schedule " + r.schedule()) + ")"
                    + (r.replay() == null ? "" : "; replay: " + r.replay()) + "\n");
        }
        if (f.panic() != null) {
            w.write("# panic: " + f.panic() + "\n");
        }
        if (f.test() != null) {
            w.write("# first seen during test " + TextEscape.line(f.test()) + "\n");
        }
    }
}
