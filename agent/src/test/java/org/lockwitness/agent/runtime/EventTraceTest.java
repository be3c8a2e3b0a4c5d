package org.lockwitness.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ordered event-trace hash: one sequence hashes the same way every time, and a reordering of
 * two events, or a change to any one field of one event, changes it.
 */
class EventTraceTest {

    private static final int[] A = {1, 7, 0, 0, 0, 100, 0x1234};
    private static final int[] B = {2, 7, 0, 0, 0, 101, 0x1234};
    private static final int[] C = {3, 8, 1, 1, 1, 102, 0x5678};

    @AfterEach
    void reset() {
        EventTrace.reset();
    }

    private static long hashOf(int[][] events) {
        EventTrace.reset();
        for (int[] e : events) {
            EventTrace.record(e[0], e[1], e[2], e[3], e[4] != 0, e[5], e[6]);
        }
        return EventTrace.hash();
    }

    @Test
    void oneSequence_hashesAlike_andCountsItsEvents() {
        long first = hashOf(new int[][] {A, B, C});
        assertEquals(3, EventTrace.events());
        assertEquals(first, hashOf(new int[][] {A, B, C}));
    }

    @Test
    void everyOrderOfThreeEvents_hasItsOwnHash() {
        Set<Long> hashes = new HashSet<>();
        int[][][] orders = {{A, B, C}, {A, C, B}, {B, A, C}, {B, C, A}, {C, A, B}, {C, B, A}};
        for (int[][] order : orders) {
            hashes.add(hashOf(order));
        }
        assertEquals(orders.length, hashes.size());
    }

    @Test
    void eachField_ofOneEvent_changesTheHash() {
        long base = hashOf(new int[][] {A, B, C});
        for (int field = 0; field < B.length; field++) {
            int[] changed = B.clone();
            changed[field] ^= 1;
            assertNotEquals(base, hashOf(new int[][] {A, changed, C}), "field " + field);
        }
    }

    @Test
    void twoFieldsSwapped_changeTheHash() {
        int[] swapped = {7, 1, 0, 0, 0, 100, 0x1234};
        assertNotEquals(hashOf(new int[][] {A}), hashOf(new int[][] {swapped}));
    }
}
