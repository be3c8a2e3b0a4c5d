package org.lockwitness.witness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-thread set of orders already seen, with its memo of the key last found or added. */
class SeenOrdersTest {

    private static long key(int i) {
        return SeenOrders.key(i, i + 1, 1, 1L << (i & 63), 1);
    }

    @Test
    void a_key_is_new_once_and_then_contained() {
        SeenOrders seen = new SeenOrders();
        assertFalse(seen.contains(key(1)));
        assertTrue(seen.add(key(1)));
        assertFalse(seen.add(key(1)));
        assertTrue(seen.contains(key(1)));
        assertFalse(seen.contains(key(2)));
    }

    @Test
    void growing_keeps_every_key_including_the_one_added_last() {
        SeenOrders seen = new SeenOrders();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(key(i)), "key " + i);
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.contains(key(i)), "key " + i);
            assertFalse(seen.add(key(i)), "key " + i);
        }
        assertFalse(seen.contains(key(1000)));
    }

    @Test
    void clearing_forgets_the_key_last_found_too() {
        SeenOrders seen = new SeenOrders();
        seen.add(key(1));
        assertTrue(seen.contains(key(1)));
        seen.clear();
        assertFalse(seen.contains(key(1)));
        assertTrue(seen.add(key(1)));
    }

    @Test
    void past_its_limit_it_starts_over_with_the_newest_key() {
        SeenOrders seen = new SeenOrders();
        for (int i = 0; i < SeenOrders.LIMIT; i++) {
            seen.add(key(i));
        }
        assertTrue(seen.contains(key(0)));
        assertTrue(seen.add(key(SeenOrders.LIMIT)));
        assertTrue(seen.contains(key(SeenOrders.LIMIT)));
        assertFalse(seen.contains(key(0)));
        assertFalse(seen.contains(key(SeenOrders.LIMIT - 1)));
    }

    @Test
    void an_order_is_known_by_its_fields_whichever_way_it_was_added() {
        SeenOrders seen = new SeenOrders();
        assertFalse(seen.containsOrder(3, 4, 1, 0b1000L, 1));
        assertTrue(seen.addOrder(3, 4, 1, 0b1000L, 1));
        assertFalse(seen.addOrder(3, 4, 1, 0b1000L, 1));
        assertTrue(seen.containsOrder(3, 4, 1, 0b1000L, 1));
        assertTrue(seen.contains(SeenOrders.key(3, 4, 1, 0b1000L, 1)));
        assertFalse(seen.containsOrder(3, 4, 2, 0b1000L, 1), "another kind");
        assertFalse(seen.containsOrder(3, 4, 1, 0b1100L, 1), "other classes held");
        assertFalse(seen.containsOrder(3, 4, 1, 0b1000L, 2), "after a start or join");
        assertFalse(seen.containsOrder(4, 3, 1, 0b1000L, 1), "the other way round");
        assertTrue(seen.add(SeenOrders.key(5, 6, 1, 0L, 1)));
        assertTrue(seen.containsOrder(5, 6, 1, 0L, 1));
        assertTrue(seen.containsOrder(3, 4, 1, 0b1000L, 1));
    }

    @Test
    void clearing_forgets_the_order_last_found_too() {
        SeenOrders seen = new SeenOrders();
        seen.addOrder(3, 4, 1, 0b1000L, 1);
        assertTrue(seen.containsOrder(3, 4, 1, 0b1000L, 1));
        seen.clear();
        assertFalse(seen.containsOrder(3, 4, 1, 0b1000L, 1));
        assertTrue(seen.addOrder(3, 4, 1, 0b1000L, 1));
    }
}
