package org.lockwitness.witness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.Set;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.dot.DOTImporter;
import org.junit.jupiter.api.Test;

/** {@link DotEscape}: every id parses with jgrapht-io and reads back as {@link TextEscape} shows it. */
class DotEscapeTest {

    @Test
    void everyBadCharacter_parsesAndReadsBackAsItsTextEscape() {
        for (BadCharCases.Case c : BadCharCases.all()) {
            String name = "a" + c.chars() + "b";
            assertEquals(Set.of("a" + BadCharCases.shown(c) + "b"), vertices(DotEscape.quote(name)), c.what());
        }
    }

    @Test
    void quotesAndBackslashes_areEscaped_andATrailingBackslashGetsASpace() {
        assertEquals("\"a\\\"b\"", DotEscape.quote("a\"b"));
        assertEquals("\"back\\\\slash\\\\ \"", DotEscape.quote("back\\slash\\"));
        assertEquals("\"n\\\\u0000l\"", DotEscape.quote("n\u0000l"));
        assertEquals(Set.of("a\"b", "back\\slash\\ "), vertices(DotEscape.quote("a\"b") + "; "
                + DotEscape.quote("back\\slash\\")));
    }

    private static Set<String> vertices(String statements) {
        Graph<String, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.importGraph(g, new StringReader("// lockwitness snapshot 1\ndigraph g {\n  " + statements + ";\n}\n"));
        return g.vertexSet();
    }
}
