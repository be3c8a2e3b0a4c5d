package org.lockwitness.cli;

/**
 * Makes any string fit for XML 1.0: characters that XML forbids even as character references (C0 controls
 * other than tab, newline and carriage return; U+FFFE and U+FFFF) and lone surrogates are replaced by
 * visible {@code \\uXXXX} text. Markup characters are left to the XML writer, which escapes them.
 * Stateless.
 */
final class XmlText {
    private XmlText() {
    }

    /** The text with every character XML cannot carry replaced visibly. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r'
                    || c >= 0x20 && c <= 0xFFFD && !Character.isSurrogate(c)) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04X", (int) c));
            }
        }
        return b.toString();
    }

    /** As {@link #clean}, on one line: an attribute's line breaks and tabs become spaces, as a parser would. */
    static String attribute(String s) {
        return clean(s).replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
