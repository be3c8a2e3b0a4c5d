package org.lockwitness.cli;

import java.util.Locale;

/**
 * The escaping of the HTML report, whose text also goes into inline SVG and so must be well-formed
 * XML as well as HTML: {@code <}, {@code >}, {@code &}, {@code "} and {@code '} become character
 * references (so {@code ]]>} cannot end anything), and every character XML forbids even as a
 * reference (C0 controls), every other control (DEL, C1, the line and paragraph separators, the
 * bidirectional embeddings, overrides and isolates) and every lone surrogate is replaced by visible
 * {@code \}{@code uXXXX} text, as the witness's text report shows them. Only {@link #block} keeps
 * line breaks. Stateless.
 */
final class HtmlText {
    private HtmlText() {
    }

    /** Text for an element or an attribute value, on one line. */
    static String escape(String s) {
        return escape(s, false);
    }

    /** Text for a {@code <pre>} block: as {@link #escape}, but line breaks kept. */
    static String block(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean lines) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (c == '\n' && lines) {
                b.append(c);
            } else if (bad(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                switch (c) {
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '&' -> b.append("&amp;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&#39;");
                    default -> b.append(c);
                }
            }
        }
        return b.toString();
    }

    private static boolean bad(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || Character.isSurrogate(c)
                || c == 0xFFFE || c == 0xFFFF;
    }
}
