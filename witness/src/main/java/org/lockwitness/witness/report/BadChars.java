package org.lockwitness.witness.report;

import java.util.Locale;

/**
 * The characters no report shows as they are: C0 controls (U+0000–U+001F) and DEL, C1 controls
 * (U+0080–U+009F), the line and paragraph separators U+2028 and U+2029, the bidirectional
 * embeddings and overrides U+202A–U+202E and isolates U+2066–U+2069, and lone UTF-16 surrogates
 * (legal in a Java string, not encodable in UTF-8). Each format's escaping class decides what to
 * write instead. Stateless.
 */
final class BadChars {
    private BadChars() {
    }

    /** Whether {@code c}, not a surrogate, is one of the bad characters. */
    static boolean isBad(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * The length of the well-formed surrogate pair at {@code i}: 2 for a high surrogate followed by
     * a low one, 0 for a lone surrogate, and 1 for any other character.
     */
    static int pairLength(CharSequence s, int i) {
        char c = s.charAt(i);
        if (!Character.isSurrogate(c)) {
            return 1;
        }
        boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return pair ? 2 : 0;
    }

    /** Appends {@code \}{@code uXXXX} (four upper-case hex digits) for {@code c}. */
    static void appendUnicodeEscape(StringBuilder b, char c) {
        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
    }
}
