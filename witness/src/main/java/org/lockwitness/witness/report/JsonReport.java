package org.lockwitness.witness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.google.gson.stream.JsonWriter;

import org.lockwitness.witness.Backtrace;
import org.lockwitness.witness.Finding;
import org.lockwitness.witness.FindingKey;

/**
 * {@code witness.json}, the machine interface of the reports, written with Gson's streaming
 * {@link JsonWriter}: top-level {@code snapshot} (the number every file of one write carries),
 * {@code tool}, {@code run}, {@code instrumentation}, {@code runs}, {@code lockClasses}, {@code edges} and
 * {@code findings} (DESIGN.md, "Reports"). Every string value goes through {@link JsonEscape}.
 * Stateless; called by {@link ReportWriter} only.
 */
final class JsonReport {
    static final String TOOL = "lockwitness";
    /** The version of docs/witness.schema.json this writer follows: additions only within a major version. */
    static final String SCHEMA_VERSION = "1.1";

    private JsonReport() {
    }

    static void write(ReportSnapshot s, long sequence, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.beginObject();
        w.name("snapshot").value(sequence);
        w.name("tool").beginObject().name("name").value(TOOL).name("component").value("witness")
                .name("version").value(Objects.requireNonNullElse(
                        JsonReport.class.getPackage().getImplementationVersion(), "unknown"))
                .name("schemaVersion").value(SCHEMA_VERSION).endObject();
        ReportSnapshot.Run run = s.run();
        w.name("run").beginObject();
        string(w.name("command"), run.command());
        w.name("seed").value(run.seed());
        string(w.name("strategy"), run.strategy());
        string(w.name("replay"), run.replay());
        w.name("schedule").value(run.schedule());
        w.name("machineRun").value(run.machineRun());
        w.endObject();
        w.name("instrumentation").beginObject();
        for (Map.Entry<String, Long> e : run.counters().entrySet()) {
            w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
        RunSections.json(s.runs(), w);
        w.name("lockClasses").beginArray();
        for (ReportSnapshot.TypeInfo c : s.classes()) {
            w.beginObject();
            string(w.name("name"), c.name());
            string(w.name("kind"), c.kind());
            w.name("flags");
            flags(w, c.flags());
            w.name("refs").value(c.refs()).endObject();
        }
        w.endArray();
        w.name("edges").beginArray();
        for (ReportSnapshot.EdgeInfo e : s.edges()) {
            w.beginObject();
            string(w.name("from"), e.from());
            string(w.name("to"), e.to());
            w.name("count").value(e.count());
            string(w.name("site"), e.site());
            w.name("reversal").value(e.reversal()).name("declared").value(e.declared()).name("stack");
            strings(w, e.stack() == null ? List.of() : e.stack());
            w.endObject();
        }
        w.endArray();
        w.name("findings").beginArray();
        Map<String, String> kinds = s.classes().stream().collect(Collectors.toMap(ReportSnapshot.TypeInfo::name,
                ReportSnapshot.TypeInfo::kind, (a, b) -> a));
        for (Finding f : s.findings()) {
            finding(w, f, kinds);
        }
        w.endArray();
        w.endObject();
        w.flush();
    }

    private static void finding(JsonWriter w, Finding f, Map<String, String> kinds) throws IOException {
        w.beginObject();
        w.name("rule").value(f.rule().name());
        string(w.name("key"), FindingKey.of(f, kinds::get).text());
        w.name("policy").value(f.policy().name());
        if (f.qualifier() != null) {
            string(w.name("qualifier"), f.qualifier().label());
        }
        string(w.name("message"), f.message());
        w.name("locks");
        strings(w, f.locks());
        w.name("sites");
        strings(w, f.sites());
        w.name("stacks").beginArray();
        for (Backtrace t : f.stacks()) {
            w.beginObject();
            string(w.name("title"), t.title());
            w.name("frames");
            strings(w, t.frames());
            w.endObject();
        }
        w.endArray();
        w.name("count").value(f.count());
        w.name("threads");
        strings(w, f.threads());
        w.name("cpus").beginArray();
        for (int cpu : f.cpus()) {
            w.value(cpu);
        }
        w.endArray();
        RunSections.json(f, w);
        w.endObject();
    }

    private static void flags(JsonWriter w, int flags) throws IOException {
        w.beginArray();
        String[] names = {"RECURSE", "DUPOK", "NOWITNESS", "SLEEPABLE", "UPGRADABLE", "INFRASTRUCTURE"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                w.value(names[i]);
            }
        }
        w.endArray();
    }

    private static void strings(JsonWriter w, List<String> values) throws IOException {
        w.beginArray();
        for (String v : values) {
            string(w, v);
        }
        w.endArray();
    }

    /** A string value, escaped by {@link JsonEscape}; null as JSON null. */
    private static void string(JsonWriter w, String value) throws IOException {
        if (value == null) {
            w.nullValue();
        } else {
            w.jsonValue(JsonEscape.quote(value));
        }
    }
}
