package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.dot.DOTImporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** witness.txt, witness.json and the DOT files (issue 5). */
class ReportTest {
    @TempDir
    Path dir;
    private final List<Sim> sims = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        sims.forEach(s -> s.w.close());
    }

    private Sim abba(String a, String b) {
        Sim sim = new Sim(WitnessOptions.builder().reportDir(dir).debounceMillis(0).build());
        sims.add(sim);
        Sim.Lock la = sim.lock(a, LockKind.SLEEP_MUTEX);
        Sim.Lock lb = sim.lock(b, LockKind.SLEEP_MUTEX);
        WitnessThread t = sim.thread("t");
        sim.take(t, la, sim.site("kern_a.c", 100));
        sim.take(t, lb, sim.site("kern_a.c", 101));
        sim.drop(t, lb, 0);
        sim.drop(t, la, 0);
        sim.take(t, lb, sim.site("kern_b.c", 200));
        sim.take(t, la, sim.site("kern_b.c", 201));
        return sim;
    }

    @Test
    void witnessTxt_matchesFreeBSDLineFormatsForAReversal() throws IOException {
        Sim sim = abba("sigio lock", "process lock");
        sim.w.writeReports();
        List<String> lines = Files.readAllLines(dir.resolve("witness.txt"), StandardCharsets.UTF_8);
        List<Pattern> expected = List.of(
                Pattern.compile("# lockwitness snapshot [1-9][0-9]*"),
                Pattern.compile("# lockwitness witness report: 1 finding\\(s\\), 2 lock class\\(es\\), 2 order\\(s\\)"),
                Pattern.compile(""),
                Pattern.compile("# LOCK_ORDER_REVERSAL \\(warn\\) count=1 threads=\"t\" cpus=\"0\""),
                Pattern.compile("lock order reversal:"),
                Pattern.compile(" 1st 0x[0-9a-f]+ process lock \\(process lock, sleep mutex\\) @ kern_b\\.c:200"),
                Pattern.compile(" 2nd 0x[0-9a-f]+ sigio lock \\(sigio lock, sleep mutex\\) @ kern_b\\.c:201"),
                Pattern.compile("lock order sigio lock -> process lock established at:"));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(expected.get(i).matcher(lines.get(i)).matches(), "line " + i + ": " + lines.get(i));
        }
        int attempted = lines.indexOf("lock order process lock -> sigio lock attempted at:");
        assertTrue(attempted > expected.size(), lines::toString);
        Pattern frame = Pattern.compile("#\\d+ \\S+\\(.*\\)");
        int tree = lines.indexOf("db> show witness");
        assertTrue(tree > attempted && lines.get(tree - 1).isEmpty(), lines::toString);
        for (int i = expected.size(); i < tree - 1; i++) {
            assertTrue(i == attempted || frame.matcher(lines.get(i)).matches(), "line " + i + ": " + lines.get(i));
        }
        assertEquals(List.of("db> show witness", "Sleep locks:", "sigio lock (type: sleep mutex, depth: 0, active refs: 1)",
                " process lock (type: sleep mutex, depth: 1, active refs: 1) -- order first seen @ kern_a.c:101", "",
                "Spin locks:", "", "db> show badstacks", "Number of known direct relationships is 2", "",
                "Lock order reversal between \"sigio lock\"(sleep mutex) and \"process lock\"(sleep mutex)!",
                "Lock order \"sigio lock\"(sleep mutex) -> \"process lock\"(sleep mutex) first seen at:"),
                lines.subList(tree, tree + 12), "FreeBSD's views of the graph close the file");
        assertTrue(lines.contains("Lock order \"process lock\"(sleep mutex) -> \"sigio lock\"(sleep mutex) first seen at:"),
                lines::toString);
    }

    @Test
    void witnessJson_parsesStrictly_withEveryKey() throws IOException {
        Sim sim = abba("A", "B");
        sim.w.runInfo("java -jar samples.jar run iflib-queues", 42L, "random", "run iflib-queues --seed 42");
        sim.w.instrumentation("classesTransformed", () -> 17);
        sim.w.instrumentation("eventsSeen", () -> 1234);
        sim.w.writeReports();
        JsonObject root;
        try (JsonReader r = new JsonReader(Files.newBufferedReader(dir.resolve("witness.json")))) {
            r.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(r).getAsJsonObject();
        }
        assertEquals("lockwitness", root.getAsJsonObject("tool").get("name").getAsString());
        JsonObject run = root.getAsJsonObject("run");
        assertEquals(42, run.get("seed").getAsLong());
        assertEquals("random", run.get("strategy").getAsString());
        assertEquals("run iflib-queues --seed 42", run.get("replay").getAsString());
        assertEquals("java -jar samples.jar run iflib-queues", run.get("command").getAsString());
        JsonObject instr = root.getAsJsonObject("instrumentation");
        assertEquals(17, instr.get("classesTransformed").getAsLong());
        assertEquals(1234, instr.get("eventsSeen").getAsLong());
        JsonArray classes = root.getAsJsonArray("lockClasses");
        assertEquals(List.of("A", "B"), names(classes, "name"));
        assertEquals("sleep mutex", classes.get(0).getAsJsonObject().get("kind").getAsString());
        JsonArray edges = root.getAsJsonArray("edges");
        assertEquals(2, edges.size());
        JsonObject edge = edges.get(0).getAsJsonObject();
        assertEquals("A", edge.get("from").getAsString());
        assertEquals("B", edge.get("to").getAsString());
        assertEquals(1, edge.get("count").getAsInt());
        assertEquals("kern_a.c:101", edge.get("site").getAsString());
        assertTrue(edges.get(1).getAsJsonObject().get("reversal").getAsBoolean());
        JsonObject finding = root.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("LOCK_ORDER_REVERSAL", finding.get("rule").getAsString());
        assertTrue(finding.get("message").getAsString().startsWith("lock order reversal:\n 1st "));
        assertEquals(List.of("B", "A"), strings(finding.getAsJsonArray("locks")));
        assertEquals(List.of("kern_b.c:201", "kern_b.c:200", "kern_a.c:101"), strings(finding.getAsJsonArray("sites")));
        assertEquals(2, finding.getAsJsonArray("stacks").size());
        assertEquals(1, finding.get("count").getAsLong());
        assertEquals(List.of("t"), strings(finding.getAsJsonArray("threads")));
        assertEquals(0, finding.getAsJsonArray("cpus").get(0).getAsInt());
    }

    @Test
    void dot_forAnAwkwardName_parsesWithJGraphTImporter() throws IOException {
        String awkward = "a\"b\nc{}";
        Sim sim = abba(awkward, "back\\slash\\");
        sim.w.writeReports();
        Graph<String, DefaultEdge> g = importDot(dir.resolve("lock-order.dot"));
        assertEquals(2, g.vertexSet().size(), g.toString());
        assertEquals(2, g.edgeSet().size(), g.toString());
        assertTrue(g.vertexSet().stream().anyMatch(v -> v.contains("a") && v.contains("c{}")), g.toString());
        String text = Files.readString(dir.resolve("lock-order.dot"));
        assertTrue(text.contains("\"a\\\"b\\\\u000Ac{}\""), text);
        assertTrue(g.vertexSet().contains("a\"b\\u000Ac{}"), g.toString());
        assertTrue(g.vertexSet().contains("back\\slash\\ "), g.toString());
        assertTrue(text.contains("color=red, fontcolor=red, penwidth=3, label=\"reversal @ kern_b.c:201\""), text);
        Graph<String, DefaultEdge> cycle = importDot(dir.resolve("lock-order-reversal-1.dot"));
        assertEquals(2, cycle.vertexSet().size());
        assertEquals(2, cycle.edgeSet().size());
    }

    @Test
    void reports_areRewrittenAfterANewFinding_withoutAnExplicitWrite() throws Exception {
        Sim sim = abba("A", "B");
        Path json = dir.resolve("witness.json");
        Path last = dir.resolve("lock-order-reversal-1.dot");
        for (int i = 0; i < 400 && !Files.exists(last); i++) {
            Thread.sleep(25);
        }
        assertTrue(Files.exists(last), "the daemon wrote the reports");
        String text = Files.readString(json);
        assertTrue(text.contains("LOCK_ORDER_REVERSAL"), text);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".tmp")), names.toString());
        }
        assertEquals(1, sim.findings().size());
    }

    @Test
    void staleCycleFiles_areRemovedAfterReset() throws IOException {
        Sim sim = abba("A", "B");
        sim.w.writeReports();
        assertTrue(Files.exists(dir.resolve("lock-order-reversal-1.dot")));
        sim.w.reset();
        sim.w.writeReports();
        assertFalse(Files.exists(dir.resolve("lock-order-reversal-1.dot")));
    }

    private static Graph<String, DefaultEdge> importDot(Path file) throws IOException {
        Graph<String, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.importGraph(g, new StringReader(Files.readString(file)));
        return g;
    }

    private static List<String> names(JsonArray array, String key) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : array) {
            out.add(e.getAsJsonObject().get(key).getAsString());
        }
        return out;
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
