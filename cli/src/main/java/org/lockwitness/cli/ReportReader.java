package org.lockwitness.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.lockwitness.witness.FindingKey;

/**
 * Reads one run's {@code witness.json} into a {@link Model.Report}, following the schema's compatibility
 * rule: fields it does not know are ignored, and a major schema version other than its own is refused. With
 * a namespace, every lock class name is prefixed {@code NAME::}. Each finding's key is computed again with
 * {@link FindingKey}, so that namespaced names enter it. Stateless.
 */
final class ReportReader {
    static final String FILE = "witness.json";
    static final String NAMESPACE_SEPARATOR = "::";

    private ReportReader() {
    }

    /**
     * Reads {@code dir/witness.json}.
     *
     * @param run the run's label
     * @param namespace the namespace, or null
     * @throws InfrastructureException when the file cannot be read, is not JSON, or has another major version
     */
    static Model.Report read(Path dir, String run, String namespace) {
        Path file = dir.resolve(FILE);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonObject root = JsonParser.parseReader(in).getAsJsonObject();
            JsonObject tool = root.has("tool") ? root.getAsJsonObject("tool") : new JsonObject();
            String schema = str(tool, "schemaVersion", Version.SCHEMA);
            if (!Version.major(schema).equals(Version.major(Version.SCHEMA))) {
                throw new InfrastructureException(file + ": schemaVersion " + schema + " is not "
                        + Version.major(Version.SCHEMA) + ".x, which this tool reads");
            }
            String prefix = namespace == null ? "" : namespace + NAMESPACE_SEPARATOR;
            Map<String, Model.LockClass> classes = new LinkedHashMap<>();
            for (JsonElement e : array(root, "lockClasses")) {
                JsonObject c = e.getAsJsonObject();
                String name = prefix + str(c, "name", "?");
                classes.put(name, new Model.LockClass(name, str(c, "kind", "?"), strings(c, "flags"), num(c, "refs")));
            }
            List<Model.Edge> edges = new ArrayList<>();
            for (JsonElement e : array(root, "edges")) {
                edges.add(edge(e.getAsJsonObject(), prefix, classes, run));
            }
            List<Model.Finding> findings = new ArrayList<>();
            for (JsonElement e : array(root, "findings")) {
                findings.add(finding(e.getAsJsonObject(), prefix, classes, run));
            }
            return new Model.Report(run, List.copyOf(classes.values()), edges, findings);
        } catch (IOException | JsonParseException | IllegalStateException | ClassCastException
                | UnsupportedOperationException | NumberFormatException e) {
            throw new InfrastructureException("cannot read " + file, e);
        }
    }

    private static Model.Edge edge(JsonObject e, String prefix, Map<String, Model.LockClass> classes, String run) {
        boolean declared = bool(e, "declared");
        long count = num(e, "count");
        return new Model.Edge(lockClass(prefix + str(e, "from", "?"), classes),
                lockClass(prefix + str(e, "to", "?"), classes), count, str(e, "site", "?"), strings(e, "stack"),
                bool(e, "reversal"), declared, !declared || count > 0 ? List.of(run) : List.of());
    }

    private static Model.LockClass lockClass(String name, Map<String, Model.LockClass> classes) {
        return classes.computeIfAbsent(name, n -> new Model.LockClass(n, "?", List.of(), 0));
    }

    private static Model.Finding finding(JsonObject f, String prefix, Map<String, Model.LockClass> classes,
            String run) {
        String rule = str(f, "rule", "?");
        List<String> locks = new ArrayList<>();
        for (String name : strings(f, "locks")) {
            locks.add(prefix + name);
        }
        List<Model.Trace> stacks = new ArrayList<>();
        List<List<String>> frames = new ArrayList<>();
        for (JsonElement t : array(f, f.has("stacks") ? "stacks" : "traces")) {
            JsonObject o = t.getAsJsonObject();
            stacks.add(new Model.Trace(str(o, "title", ""), strings(o, "frames")));
            frames.add(strings(o, "frames"));
        }
        String message = str(f, "message", "");
        List<String> sites = strings(f, "sites");
        String key = FindingKey.of(rule, locks, n -> classes.containsKey(n) ? classes.get(n).kind() : null, message,
                sites, frames).text();
        List<Integer> cpus = new ArrayList<>();
        for (JsonElement c : array(f, "cpus")) {
            cpus.add(c.getAsInt());
        }
        return new Model.Finding(rule, key, str(f, "policy", "WARN"), message, locks, sites, stacks,
                Math.max(1, num(f, "count")), strings(f, "threads"), cpus, List.of(run), false,
                str(f, "qualifier", null), str(f, "test", null));
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? new JsonArray() : e.getAsJsonArray();
    }

    private static List<String> strings(JsonObject o, String name) {
        List<String> values = new ArrayList<>();
        for (JsonElement e : array(o, name)) {
            values.add(e.getAsString());
        }
        return values;
    }

    private static String str(JsonObject o, String name, String otherwise) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? otherwise : e.getAsString();
    }

    private static long num(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? 0 : e.getAsLong();
    }

    private static boolean bool(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && !e.isJsonNull() && e.getAsBoolean();
    }
}
