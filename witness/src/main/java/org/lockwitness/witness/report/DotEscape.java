package org.lockwitness.witness.report;

/**
 * The escaping of the DOT files: every id is a double-quoted string with {@code "} and {@code \}
 * escaped, and every bad character ({@link BadChars}) shown as the text {@code \}{@code uXXXX}
 * (its backslash escaped), as {@link TextEscape} shows it, so a NUL, a line break or a
 * bidirectional override never reaches a DOT parser or a rendered graph. A trailing backslash gets
 * a space after it, because Graphviz's lexer reads {@code \\"} as a backslash and an escaped
 * quote. Stateless and thread-safe.
 */
final class DotEscape {
    private DotEscape() {
    }

    /** The DOT quoted string of {@code id}, quotes included. */
    static String quote(String id) {
        String shown = TextEscape.line(id);
        StringBuilder b = new StringBuilder(shown.length() + 4).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        if (shown.endsWith("\\")) {
            b.append(' ');
        }
        return b.append('"').toString();
    }
}
