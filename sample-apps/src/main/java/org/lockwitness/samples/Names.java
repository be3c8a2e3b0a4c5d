package org.lockwitness.samples;

import java.util.List;

/**
 * The closest of a list of names to a misspelt one, by Levenshtein edit distance, for "did you
 * mean" hints.
 *
 * <p>Thread-safety: stateless.
 */
final class Names {

    private Names() {
    }

    /**
     * @param name       the name given
     * @param candidates the valid names, not empty
     * @return the candidate at the smallest edit distance from {@code name}, the first of equals
     */
    static String closest(String name, List<String> candidates) {
        String best = candidates.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** @return the Levenshtein distance: insertions, deletions and substitutions of one character */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
