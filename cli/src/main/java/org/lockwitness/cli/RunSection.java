package org.lockwitness.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The run sections of one {@code witness.json} the HTML report shows ({@code run} and {@code runs}):
 * the command, seed, strategy and replay command, how many machine runs ended each way and the
 * notable runs. A section that cannot be read is shown as unreadable; the rest of the report still is.
 * Immutable.
 *
 * @param label the run's label (its directory)
 * @param command the command line, or null
 * @param seed the seed, or null
 * @param strategy the strategy, or null
 * @param replay the replay command, or null
 * @param byOutcome machine runs by outcome
 * @param listed the notable machine runs
 * @param problem why the sections could not be read, or null
 */
record RunSection(String label, String command, String seed, String strategy, String replay,
        Map<String, Long> byOutcome, List<Machine> listed, String problem) {

    /**
     * One notable machine run.
     *
     * @param index its ordinal
     * @param seed its seed
     * @param strategy its strategy
     * @param outcome how it ended
     * @param reason why, in words
     * @param replay the command that replays it, or null
     * @param findings the finding occurrences it produced
     */
    record Machine(long index, String seed, String strategy, String outcome, String reason, String replay,
            long findings) {
    }

    /** Reads {@code dir/witness.json}'s run sections. */
    static RunSection read(Path dir, String label) {
        try {
            JsonObject root = JsonParser.parseString(Files.readString(dir.resolve("witness.json"),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            JsonObject run = object(root, "run");
            JsonObject runs = object(root, "runs");
            Map<String, Long> byOutcome = new LinkedHashMap<>();
            JsonObject outcomes = object(runs, "byOutcome");
            for (Map.Entry<String, JsonElement> e : outcomes.entrySet()) {
                byOutcome.put(e.getKey(), e.getValue().getAsLong());
            }
            List<Machine> listed = new ArrayList<>();
            if (runs.has("listed") && runs.get("listed").isJsonArray()) {
                for (JsonElement e : runs.getAsJsonArray("listed")) {
                    JsonObject m = e.getAsJsonObject();
                    listed.add(new Machine(num(m, "index"), str(m, "seed"), str(m, "strategy"), str(m, "outcome"),
                            str(m, "reason"), str(m, "replay"), num(m, "findings")));
                }
            }
            return new RunSection(label, str(run, "command"), str(run, "seed"), str(run, "strategy"),
                    str(run, "replay"), byOutcome, listed, null);
        } catch (IOException | RuntimeException e) {
            return new RunSection(label, null, null, null, null, Map.of(), List.of(), String.valueOf(e.getMessage()));
        }
    }

    private static JsonObject object(JsonObject o, String name) {
        return o.has(name) && o.get(name).isJsonObject() ? o.getAsJsonObject(name) : new JsonObject();
    }

    private static String str(JsonObject o, String name) {
        return o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsString() : null;
    }

    private static long num(JsonObject o, String name) {
        return o.has(name) && o.get(name).isJsonPrimitive() ? o.get(name).getAsLong() : 0;
    }
}
