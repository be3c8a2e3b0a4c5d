package org.lockwitness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.lockwitness.witness.report.TextEscape;

/**
 * Writes a merged {@link Model.Report} as {@code witness.json} (the schema of a run's report, with
 * {@code runs} on each edge and finding, {@code fromKind}/{@code toKind} on edges and {@code crossRun} on
 * findings, all additions) and as {@code witness.txt} (a run's format, with each finding's key and runs).
 * Stateless.
 */
final class MergedReport {
    static final String TEXT = "witness.txt";

    private MergedReport() {
    }

    /** Writes both files into {@code dir}. */
    static void write(Model.Report report, List<String> inputs, Path dir) {
        Output.json(dir.resolve(ReportReader.FILE), json(report, inputs));
        Output.text(dir.resolve(TEXT), text(report, inputs));
    }

    static JsonObject json(Model.Report report, List<String> inputs) {
        JsonObject root = new JsonObject();
        JsonObject tool = new JsonObject();
        tool.addProperty("name", "lockwitness");
        tool.addProperty("component", "cli");
        tool.addProperty("version", Version.TOOL);
        tool.addProperty("schemaVersion", Version.SCHEMA);
        root.add("tool", tool);
        JsonObject run = new JsonObject();
        run.addProperty("command", "merge " + String.join(" ", inputs));
        run.add("seed", JsonNull.INSTANCE);
        run.add("strategy", JsonNull.INSTANCE);
        run.add("replay", JsonNull.INSTANCE);
        root.add("run", run);
        root.add("instrumentation", new JsonObject());
        JsonArray classes = new JsonArray();
        for (Model.LockClass c : report.classes()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", c.name());
            o.addProperty("kind", c.kind());
            o.add("flags", strings(c.flags()));
            o.addProperty("refs", c.refs());
            classes.add(o);
        }
        root.add("lockClasses", classes);
        JsonArray edges = new JsonArray();
        for (Model.Edge e : report.edges()) {
            JsonObject o = new JsonObject();
            o.addProperty("from", e.from().name());
            o.addProperty("to", e.to().name());
            o.addProperty("fromKind", e.from().kind());
            o.addProperty("toKind", e.to().kind());
            o.addProperty("count", e.count());
            o.addProperty("site", e.site());
            o.addProperty("reversal", e.reversal());
            o.addProperty("declared", e.declared());
            o.add("stack", strings(e.stack()));
            o.add("runs", strings(e.runs()));
            edges.add(o);
        }
        root.add("edges", edges);
        JsonArray findings = new JsonArray();
        report.findings().forEach(f -> findings.add(finding(f)));
        root.add("findings", findings);
        return root;
    }

    private static JsonObject finding(Model.Finding f) {
        JsonObject o = new JsonObject();
        o.addProperty("rule", f.rule());
        o.addProperty("key", f.key());
        o.addProperty("policy", f.policy());
        if (f.qualifier() != null) {
            o.addProperty("qualifier", f.qualifier());
        }
        o.addProperty("message", f.message());
        o.add("locks", strings(f.locks()));
        o.add("sites", strings(f.sites()));
        JsonArray stacks = new JsonArray();
        for (Model.Trace t : f.stacks()) {
            JsonObject s = new JsonObject();
            s.addProperty("title", t.title());
            s.add("frames", strings(t.frames()));
            stacks.add(s);
        }
        o.add("stacks", stacks);
        o.addProperty("count", f.count());
        o.add("threads", strings(f.threads()));
        JsonArray cpus = new JsonArray();
        f.cpus().forEach(cpus::add);
        o.add("cpus", cpus);
        o.add("runs", strings(f.runs()));
        o.addProperty("crossRun", f.crossRun());
        if (f.test() != null) {
            o.addProperty("test", f.test());
        }
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /** A header list as witness.txt writes it: quoted values separated by commas. */
    private static String quoted(List<String> values) {
        return values.stream().map(TextEscape::quoted).collect(Collectors.joining(","));
    }

    static String text(Model.Report report, List<String> inputs) {
        StringBuilder b = new StringBuilder("# lockwitness merged report: ").append(report.findings().size())
                .append(" finding(s), ").append(report.classes().size()).append(" lock class(es), ")
                .append(report.edges().size()).append(" order(s) from ").append(String.join(" ", inputs)).append('\n');
        for (Model.Finding f : report.findings()) {
            b.append("\n# ").append(f.rule()).append(" (").append(f.policy().toLowerCase(Locale.ROOT))
                    .append(") count=").append(f.count()).append(" threads=").append(quoted(f.threads()))
                    .append(" cpus=").append(quoted(f.cpus().stream().map(String::valueOf).collect(Collectors.toList())))
                    .append(" runs=").append(quoted(f.runs())).append('\n');
            b.append("# key ").append(f.key()).append('\n');
            if (f.test() != null) {
                b.append("# first seen during test ").append(TextEscape.line(f.test())).append('\n');
            }
            b.append(f.message()).append('\n');
            for (Model.Trace t : f.stacks()) {
                if (t.frames().isEmpty()) {
                    continue;
                }
                b.append(t.title()).append('\n');
                for (int i = 0; i < t.frames().size(); i++) {
                    b.append('#').append(i).append(' ').append(t.frames().get(i)).append('\n');
                }
            }
        }
        return b.toString();
    }
}
