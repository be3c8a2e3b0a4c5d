package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.dot.DOTImporter;

/** Reads report files as a strict reader would: strict UTF-8, strict JSON, jgrapht-io's DOT. */
final class ReportFiles {
    static final List<String> JSON_KEYS = List.of("snapshot", "tool", "run", "instrumentation", "runs", "lockClasses",
            "edges", "findings");
    private static final Pattern TEXT_SNAPSHOT = Pattern.compile("# lockwitness snapshot ([1-9][0-9]*)");
    private static final Pattern DOT_SNAPSHOT = Pattern.compile("// lockwitness snapshot ([1-9][0-9]*)");
    private static final Pattern TEXT_COUNT =
            Pattern.compile("# lockwitness witness report: ([0-9]+) finding\\(s\\).*");
    /** A finding's header line in witness.txt. */
    static final Pattern HEADER = Pattern.compile("# [A-Z_]+ \\((warn|fail|panic)\\) count=[0-9]+ .*");

    private ReportFiles() {
    }

    /** The file's text, which must be strict UTF-8. */
    static String utf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
    }

    /** {@code witness.json}, parsed strictly, with every top-level key. */
    static JsonObject json(Path file) throws IOException {
        JsonObject root;
        try (JsonReader r = new JsonReader(new StringReader(utf8(file)))) {
            r.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(r).getAsJsonObject();
        }
        assertEquals(JSON_KEYS, List.copyOf(root.keySet()), file.toString());
        return root;
    }

    /** The snapshot number of witness.txt's first line; checks that it has one header per finding. */
    static long text(Path file) throws IOException {
        List<String> lines = utf8(file).lines().toList();
        assertTrue(lines.size() >= 2, "cut off: " + file);
        Matcher count = TEXT_COUNT.matcher(lines.get(1));
        assertTrue(count.matches(), lines.get(1));
        long headers = lines.stream().filter(l -> l.startsWith("# ")).count() - 2;
        assertEquals(Long.parseLong(count.group(1)), headers, file.toString());
        assertEquals(headers, lines.stream().filter(l -> HEADER.matcher(l).matches()).count(), file.toString());
        return number(TEXT_SNAPSHOT, lines.get(0));
    }

    /** The snapshot number of a DOT file's first line; the file must parse with jgrapht-io. */
    static long dot(Path file) throws IOException {
        String text = utf8(file);
        graph(text);
        return number(DOT_SNAPSHOT, text.lines().findFirst().orElse(""));
    }

    static Graph<String, DefaultEdge> graph(String dot) {
        Graph<String, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.importGraph(g, new StringReader(dot));
        return g;
    }

    private static long number(Pattern p, String line) {
        Matcher m = p.matcher(line);
        assertTrue(m.matches(), "no snapshot number: " + line);
        return Long.parseLong(m.group(1));
    }
}
