package org.lockwitness.witness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Every bad character of the reports, one case each: all C0 controls and DEL, all C1 controls, the
 * line and paragraph separators, the bidirectional embeddings, overrides and isolates, and lone
 * surrogates (high, low, a low before a high, a high at the end). Shared by the tests of every
 * format; public for the witness package's report tests.
 */
public final class BadCharCases {

    private BadCharCases() {
    }

    /** A bad character (or lone surrogate sequence) and the class it belongs to. */
    public record Case(String what, String chars) {
        @Override
        public String toString() {
            return what;
        }
    }

    /** @return every case */
    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (char c = 0; c < 0x20; c++) {
            cases.add(single("C0", c));
        }
        cases.add(single("DEL", (char) 0x7f));
        for (char c = 0x80; c <= 0x9f; c++) {
            cases.add(single("C1", c));
        }
        cases.add(single("line separator", '\u2028'));
        cases.add(single("paragraph separator", '\u2029'));
        for (char c = '\u202a'; c <= '\u202e'; c++) {
            cases.add(single("bidi embedding/override", c));
        }
        for (char c = '\u2066'; c <= '\u2069'; c++) {
            cases.add(single("bidi isolate", c));
        }
        cases.add(new Case("lone high surrogate", "\ud800"));
        cases.add(new Case("lone low surrogate", "\udc00"));
        cases.add(new Case("low before high surrogate", "\udc00\ud800"));
        return cases;
    }

    /** @return whether a case is made of lone surrogates */
    public static boolean lone(Case c) {
        return Character.isSurrogate(c.chars().charAt(0));
    }

    /** @return the text escaping of a case: each char as {@code \}{@code uXXXX} */
    public static String shown(Case c) {
        StringBuilder b = new StringBuilder();
        for (char ch : c.chars().toCharArray()) {
            b.append(String.format("\\u%04X", (int) ch));
        }
        return b.toString();
    }

    private static Case single(String what, char c) {
        return new Case(what + String.format(" U+%04X", (int) c), String.valueOf(c));
    }
}
