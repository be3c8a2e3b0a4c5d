package org.lockwitness.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * SARIF 2.1.0 for GitHub code scanning: one run whose driver lists every rule of {@link RuleTable}, and one
 * result per finding with its level ({@code error} for a {@code --fail} rule), message, locations
 * ({@link SourceMap}), the other sites as related locations, a reversal's stacks as one thread flow per
 * order, the finding key's hash as the {@code lockwitness/v1} partial fingerprint, the baseline state when
 * a baseline was given, and the suppression with its reason. Results, locations and thread-flow locations
 * past the {@link SarifLimits} are cut (failing findings first kept), and the run's {@code properties} say
 * how many. Stateless apart from its settings; not thread-safe.
 */
final class SarifWriter {
    static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT = "lockwitness/v1";

    private final SourceMap sources;
    private final SarifLimits limits;
    private final boolean baselineGiven;
    private final Set<String> failRules;
    private long relatedDropped;
    private long flowLocationsDropped;

    /**
     * @param sources where locations are looked up
     * @param limits what a run may hold
     * @param baselineGiven whether results carry a baseline state
     * @param failRules the {@code --fail} rules, whose level is {@code error}
     */
    SarifWriter(SourceMap sources, SarifLimits limits, boolean baselineGiven, Set<String> failRules) {
        this.sources = sources;
        this.limits = limits;
        this.baselineGiven = baselineGiven;
        this.failRules = Set.copyOf(failRules);
    }

    /** The SARIF log of these verdicts. */
    JsonObject log(List<Triage.Verdict> verdicts) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        JsonArray rules = new JsonArray();
        for (RuleTable.Entry r : RuleTable.RULES) {
            ruleIndex.put(r.id(), rules.size());
            rules.add(rule(r));
        }
        List<Triage.Verdict> kept = new ArrayList<>(verdicts);
        kept.sort(Comparator.comparing((Triage.Verdict v) -> !v.failing()).thenComparing(v -> !v.isNew()));
        int resultsDropped = Math.max(0, kept.size() - limits.results());
        JsonArray results = new JsonArray();
        for (Triage.Verdict v : kept.subList(0, kept.size() - resultsDropped)) {
            if (!ruleIndex.containsKey(v.finding().rule())) {
                ruleIndex.put(v.finding().rule(), rules.size());
                rules.add(rule(new RuleTable.Entry(v.finding().rule(), "A rule of a newer lockwitness.",
                        "A rule this version of the tool does not describe.", "See the report's message.")));
            }
            results.add(result(v, ruleIndex.get(v.finding().rule())));
        }
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "lockwitness");
        driver.addProperty("version", Version.TOOL);
        driver.addProperty("semanticVersion", Version.TOOL);
        driver.addProperty("informationUri", Version.INFORMATION_URI);
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        JsonObject run = new JsonObject();
        run.add("tool", tool);
        run.add("originalUriBaseIds", sources.baseIds());
        run.add("results", results);
        run.addProperty("columnKind", "utf16CodeUnits");
        run.add("properties", truncation(resultsDropped));
        JsonArray runs = new JsonArray();
        runs.add(run);
        JsonObject log = new JsonObject();
        log.addProperty("$schema", SCHEMA_URI);
        log.addProperty("version", "2.1.0");
        log.add("runs", runs);
        return log;
    }

    private JsonObject truncation(int resultsDropped) {
        JsonObject p = new JsonObject();
        boolean truncated = resultsDropped > 0 || relatedDropped > 0 || flowLocationsDropped > 0;
        p.addProperty("truncated", truncated);
        if (truncated) {
            p.addProperty("resultsDropped", resultsDropped);
            p.addProperty("relatedLocationsDropped", relatedDropped);
            p.addProperty("threadFlowLocationsDropped", flowLocationsDropped);
            p.addProperty("limits", "at most " + limits.results() + " results per run, " + limits.locations()
                    + " locations and " + limits.threadFlowLocations() + " thread-flow locations per result");
        }
        return p;
    }

    private JsonObject rule(RuleTable.Entry r) {
        JsonObject rule = new JsonObject();
        rule.addProperty("id", r.id());
        rule.add("shortDescription", text(r.summary()));
        rule.add("fullDescription", text(r.description()));
        rule.add("help", text(r.help()));
        rule.addProperty("helpUri", Version.INFORMATION_URI);
        JsonObject config = new JsonObject();
        config.addProperty("level", failRules.contains(r.id()) ? "error" : "warning");
        rule.add("defaultConfiguration", config);
        return rule;
    }

    private JsonObject result(Triage.Verdict v, int ruleIndex) {
        Model.Finding f = v.finding();
        JsonObject result = new JsonObject();
        result.addProperty("ruleId", f.rule());
        result.addProperty("ruleIndex", ruleIndex);
        result.addProperty("level", v.failRule() ? "error" : "warning");
        result.add("message", text(f.message()));
        List<String> frames = new ArrayList<>();
        f.stacks().forEach(t -> frames.addAll(t.frames()));
        JsonArray locations = new JsonArray();
        locations.add(sources.site(f.site() == null ? f.rule() : f.site(), frames));
        result.add("locations", locations);
        if (f.sites().size() > 1) {
            result.add("relatedLocations", related(f.sites().subList(1, f.sites().size()), frames));
        }
        if (f.rule().equals("LOCK_ORDER_REVERSAL")) {
            JsonArray flows = threadFlows(f.stacks());
            if (!flows.isEmpty()) {
                JsonObject codeFlow = new JsonObject();
                codeFlow.add("threadFlows", flows);
                JsonArray codeFlows = new JsonArray();
                codeFlows.add(codeFlow);
                result.add("codeFlows", codeFlows);
            }
        }
        JsonObject fingerprints = new JsonObject();
        fingerprints.addProperty(FINGERPRINT, sha256(f.key()));
        result.add("partialFingerprints", fingerprints);
        if (baselineGiven) {
            result.addProperty("baselineState", v.inBaseline() ? "unchanged" : "new");
        }
        if (v.suppression() != null) {
            JsonObject suppression = new JsonObject();
            suppression.addProperty("kind", "external");
            suppression.addProperty("status", "accepted");
            suppression.addProperty("justification", v.suppression());
            JsonArray suppressions = new JsonArray();
            suppressions.add(suppression);
            result.add("suppressions", suppressions);
        }
        JsonObject properties = new JsonObject();
        properties.addProperty("key", f.key());
        properties.addProperty("count", f.count());
        properties.addProperty("threads", String.join(",", f.threads()));
        properties.addProperty("runs", String.join(",", f.runs()));
        properties.addProperty("crossRun", f.crossRun());
        if (f.qualifier() != null) {
            properties.addProperty("qualifier", f.qualifier());
        }
        result.add("properties", properties);
        return result;
    }

    private JsonArray related(List<String> sites, List<String> frames) {
        JsonArray related = new JsonArray();
        for (String site : sites) {
            if (related.size() >= limits.locations()) {
                relatedDropped++;
                continue;
            }
            JsonObject location = sources.site(site, frames);
            location.addProperty("id", related.size() + 1);
            location.add("message", text("also seen @ " + site));
            related.add(location);
        }
        return related;
    }

    private JsonArray threadFlows(List<Model.Trace> stacks) {
        JsonArray flows = new JsonArray();
        int budget = limits.threadFlowLocations();
        for (Model.Trace t : stacks) {
            if (t.frames().isEmpty()) {
                continue;
            }
            if (budget == 0) {
                flowLocationsDropped += t.frames().size();
                continue;
            }
            JsonArray locations = new JsonArray();
            for (String frame : t.frames()) {
                if (budget == 0) {
                    flowLocationsDropped++;
                    continue;
                }
                budget--;
                JsonObject location = new JsonObject();
                location.add("location", sources.frame(frame));
                locations.add(location);
            }
            JsonObject flow = new JsonObject();
            flow.add("message", text(t.title()));
            flow.add("locations", locations);
            flows.add(flow);
        }
        return flows;
    }

    private static JsonObject text(String text) {
        JsonObject message = new JsonObject();
        message.addProperty("text", text);
        return message;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
