package org.lockwitness.witness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** {@link TextEscape}: every bad character becomes {@code \}{@code uXXXX}; nothing else changes. */
class TextEscapeTest {

    @Test
    void everyBadCharacter_isShownAsItsEscape_inALineAndInABlock() {
        for (BadCharCases.Case c : BadCharCases.all()) {
            String name = "a" + c.chars() + "b";
            String expected = "a" + BadCharCases.shown(c) + "b";
            assertEquals(expected, TextEscape.line(name), c.what());
            if (!c.chars().equals("\n")) {
                assertEquals(expected, TextEscape.block(name), c.what());
            }
        }
    }

    @Test
    void aBlockKeepsItsLineFeeds_butNoOtherLineBreak() {
        assertEquals("lock order reversal:\n 1st a\\u000Db\\u2028c",
                TextEscape.block("lock order reversal:\n 1st a\rb\u2028c"));
        assertEquals("x\\u000Ay", TextEscape.line("x\ny"));
    }

    @Test
    void otherCharacters_stayAsTheyAre() {
        String fine = "sigio lock \"q\" back\\slash é 中 \ud83d\udd12 ~";
        assertSame(fine, TextEscape.line(fine));
        assertEquals("\ud83d\udd12\\u202E", TextEscape.line("\ud83d\udd12\u202e"));
        assertEquals("a\\uD800", TextEscape.line("a\ud800"), "a high surrogate at the end");
    }

    @Test
    void escapingTwice_changesNothing() {
        for (BadCharCases.Case c : BadCharCases.all()) {
            String once = TextEscape.line("x" + c.chars() + "\\u0000");
            assertEquals(once, TextEscape.line(once), c.what());
        }
    }

    @Test
    void null_isWrittenAsNull() {
        assertEquals("null", TextEscape.line(null));
    }
}
