package org.lockwitness.witness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import org.junit.jupiter.api.Test;

/** {@link JsonEscape}: a strict parser reads every string back exactly; lone surrogates become U+FFFD. */
class JsonEscapeTest {

    @Test
    void everyBadCharacter_isEscaped_andParsesBackStrictly() throws Exception {
        for (BadCharCases.Case c : BadCharCases.all()) {
            String name = "a" + c.chars() + "b";
            String literal = JsonEscape.quote(name);
            for (char ch : literal.toCharArray()) {
                assertFalse(ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || Character.isSurrogate(ch)
                        || (ch >= 0x2028 && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069),
                        c.what() + ": raw in " + literal);
            }
            String expected = BadCharCases.lone(c) ? "a" + "\ufffd".repeat(c.chars().length()) + "b" : name;
            assertEquals(expected, parse(literal), c.what());
            assertEquals(literal, strictUtf8(literal.getBytes(StandardCharsets.UTF_8)), c.what());
        }
    }

    @Test
    void shortEscapes_quotesBackslashesAndPairs() throws Exception {
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001B\"", JsonEscape.quote("\n\r\t\b\f\u0000\u001b"));
        assertEquals("\"q\\\"b\\\\s\"", JsonEscape.quote("q\"b\\s"));
        String fine = "é 中 \ud83d\udd12";
        assertEquals("\"" + fine + "\"", JsonEscape.quote(fine));
        assertEquals(fine, parse(JsonEscape.quote(fine)));
    }

    private static String parse(String literal) throws Exception {
        try (JsonReader r = new JsonReader(new StringReader(literal))) {
            r.setStrictness(Strictness.STRICT);
            return JsonParser.parseReader(r).getAsString();
        }
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
