package org.lockwitness.witness.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonWriter;

import org.lockwitness.witness.Backtrace;
import org.lockwitness.witness.Finding;

/**
 * {@code witness.json}, written with Gson's streaming {@link JsonWriter}: top-level {@code tool},
 * {@code run}, {@code instrumentation}, {@code runs}, {@code lockClasses}, {@code edges} and {@code findings}
 * (DESIGN.md, "Reports"). Stateless; called by {@link ReportWriter} only.
 */
final class JsonReport {
    static final String TOOL = "lockwitness";

    private JsonReport() {
    }

    static void write(ReportSnapshot s, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.beginObject();
        w.name("tool").beginObject().name("name").value(TOOL).name("component").value("witness").endObject();
        ReportSnapshot.Run run = s.run();
        w.name("run").beginObject();
        w.name("command").value(run.command());
        w.name("seed").value(run.seed());
        w.name("strategy").value(run.strategy());
        w.name("replay").value(run.replay());
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
            w.beginObject().name("name").value(c.name()).name("kind").value(c.kind()).name("flags");
            flags(w, c.flags());
            w.name("refs").value(c.refs()).endObject();
        }
        w.endArray();
        w.name("edges").beginArray();
        for (ReportSnapshot.EdgeInfo e : s.edges()) {
            w.beginObject().name("from").value(e.from()).name("to").value(e.to()).name("count").value(e.count())
                    .name("site").value(e.site()).name("reversal").value(e.reversal())
                    .name("declared").value(e.declared()).name("stack");
            strings(w, e.stack() == null ? List.of() : e.stack());
            w.endObject();
        }
        w.endArray();
        w.name("findings").beginArray();
        for (Finding f : s.findings()) {
            finding(w, f);
        }
        w.endArray();
        w.endObject();
        w.flush();
    }

    private static void finding(JsonWriter w, Finding f) throws IOException {
        w.beginObject();
        w.name("rule").value(f.rule().name());
        w.name("policy").value(f.policy().name());
        w.name("message").value(f.message());
        w.name("locks");
        strings(w, f.locks());
        w.name("sites");
        strings(w, f.sites());
        w.name("stacks").beginArray();
        for (Backtrace t : f.stacks()) {
            w.beginObject().name("title").value(t.title()).name("frames");
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
        String[] names = {"RECURSE", "DUPOK", "NOWITNESS", "SLEEPABLE", "UPGRADABLE"};
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
            w.value(v);
        }
        w.endArray();
    }
}
