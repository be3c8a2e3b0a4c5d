package org.lockwitness.witness.report;

/**
 * The escaping of {@code witness.txt} and of every string a finding's message quotes: each bad
 * character ({@link BadChars}: controls, line and paragraph separators, bidirectional overrides and
 * isolates, lone surrogates) becomes the six visible characters {@code \}{@code uXXXX}, so a lock,
 * thread or file name can neither break a line nor reorder what a terminal shows. Backslashes stay
 * as they are, which keeps the escaping idempotent (applying it twice changes nothing);
 * {@code witness.json} holds the exact strings. Header values are {@link #quoted}.
 *
 * <p>Public only for {@link org.lockwitness.witness.Messages}, which escapes the strings it quotes;
 * not an API. Stateless and thread-safe.
 */
public final class TextEscape {
    private TextEscape() {
    }

    /**
     * One line of text: every bad character escaped, line breaks included.
     *
     * @param s any string, or null (written as {@code null})
     * @return the string with no bad character
     */
    public static String line(String s) {
        return escape(String.valueOf(s), false);
    }

    /**
     * A value of a {@code witness.txt} header: in double quotes, with {@code "} and {@code \\}
     * escaped by a backslash and every bad character as {@code \\uXXXX} ({@link #line}), so a
     * value holding spaces, colons, commas or quotes parses back exactly.
     *
     * @param s any string, or null (written as {@code "null"})
     * @return the quoted value
     */
    public static String quoted(String s) {
        String v = String.valueOf(s);
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return line(b.append('"').toString());
    }

    /** A block of lines: as {@link #line}, but a line feed stays a line feed. */
    static String block(String s) {
        return escape(String.valueOf(s), true);
    }

    private static String escape(String s, boolean keepNewlines) {
        if (clean(s, keepNewlines)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int pair = BadChars.pairLength(s, i);
            if (pair == 2) {
                b.append(c).append(s.charAt(++i));
            } else if (pair == 0 || (BadChars.isBad(c) && !(keepNewlines && c == '\n'))) {
                BadChars.appendUnicodeEscape(b, c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean clean(String s, boolean keepNewlines) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int pair = BadChars.pairLength(s, i);
            if (pair == 0 || (BadChars.isBad(c) && !(keepNewlines && c == '\n'))) {
                return false;
            }
            i += pair - 1;
        }
        return true;
    }
}
