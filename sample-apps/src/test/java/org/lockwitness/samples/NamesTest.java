package org.lockwitness.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Levenshtein distance and the closest name. */
class NamesTest {

    @Test
    void distance_counts_insertions_deletions_and_substitutions() {
        assertEquals(0, Names.distance("sx", "sx"));
        assertEquals(3, Names.distance("", "abc"));
        assertEquals(3, Names.distance("abc", ""));
        assertEquals(3, Names.distance("kitten", "sitting"));
        assertEquals(1, Names.distance("rendezvous-premept", "rendezvous-preemept"));
        assertEquals(2, Names.distance("ab", "ba"));
    }

    @Test
    void the_closest_name_wins_and_ties_go_to_the_first() {
        List<String> names = List.of("abcd", "abce", "xyz");
        assertEquals("abce", Names.closest("abcf", List.of("xyz", "abce", "abcd")));
        assertEquals("abcd", Names.closest("abcf", names));
        assertEquals("xyz", Names.closest("xy", names));
    }
}
