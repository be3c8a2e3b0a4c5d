package org.lockwitness.witness.report;

/**
 * The escaping of {@code witness.json}: a string as a JSON string literal that a strict parser
 * reads back exactly, with one exception. {@code "} and {@code \} are escaped, and every bad
 * character ({@link BadChars}) is written as a JSON escape ({@code \n}, {@code \t}, … or
 * {@code \}{@code uXXXX}), so the file shows no control or bidirectional character to a person
 * reading it and stays one JSON value per line break of our own. The exception: a lone surrogate
 * cannot be written in UTF-8 and is not interchangeable JSON (RFC 8259 §8.2, RFC 7493 §2.1), so it
 * becomes U+FFFD, the replacement character. The file is valid UTF-8. Stateless and thread-safe.
 */
final class JsonEscape {
    private JsonEscape() {
    }

    /** The JSON string literal of {@code s}, quotes included. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int pair = BadChars.pairLength(s, i);
            if (pair == 2) {
                b.append(c).append(s.charAt(++i));
            } else if (pair == 0) {
                b.append("\\uFFFD");
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (BadChars.isBad(c)) {
                escape(b, c);
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static void escape(StringBuilder b, char c) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            default -> BadChars.appendUnicodeEscape(b, c);
        }
    }
}
