package org.lockwitness.witness;

import java.util.HashMap;
import java.util.Map;

/**
 * The orders between instances of one class of Java locks ({@link LockKind#isJava()}): the answer
 * to "is {@code transfer(a, b)} racing {@code transfer(b, a)}?", which the class-level order
 * cannot give, since both locks are of one class. FreeBSD reports two such instances held together
 * as a duplicate ({@link Rule#DUPLICATE_LOCK_TYPE}) and lockdep as recursive locking unless the
 * code annotates a nesting level; ordinary Java code nests instances of one class all the time
 * (accounts, nodes, buckets), and what decides whether it can deadlock is whether two instances
 * were ever taken in both orders.
 *
 * <h2>Design</h2>
 * One entry per (class, first instance, second instance) nesting seen, with the site and stack of
 * the first time, and the instances of the other locks held below the first one then (its gates).
 * A nesting whose opposite order is known is a reversal, unless the two share a gate: a lock held
 * both times, as JCIP's {@code InduceLockOrder} takes its tie lock before two accounts whose
 * identity hashes collide, makes the two orders unable to overlap. Code that orders instances by a
 * tie-breaker ({@code System.identityHashCode}, an account number) never creates the opposite
 * entry and stays silent. The table is bounded ({@link #LIMIT}); once full, new nestings are not
 * recorded (and {@link #dropped} counts them), so a reversal among them is missed, never invented.
 *
 * <h2>Thread-safety</h2>
 * Not thread-safe: used only under the checker lock (the {@link WitnessState} monitor).
 */
final class InstanceOrders {
    /** The most nestings kept. */
    static final int LIMIT = 1 << 16;

    /**
     * One nesting seen: where, its stored stack (0: none), its gates (the locks held below the
     * first instance the first time) and who took it, for the {@link CycleFilter}s.
     */
    record Order(String site, int stack, long[] gates, Establishers by) {
    }

    private record Key(int cls, long first, long second) {
    }

    private final Map<Key, Order> orders = new HashMap<>();
    long dropped;

    /** The nesting {@code first -> second} of class {@code cls}, if seen; null otherwise. */
    Order get(int cls, long first, long second) {
        return orders.get(new Key(cls, first, second));
    }

    /** Records the nesting unless it is known or the table is full. */
    void put(int cls, long first, long second, Order order) {
        Key k = new Key(cls, first, second);
        if (orders.containsKey(k)) {
            return;
        }
        if (orders.size() >= LIMIT) {
            dropped++;
            return;
        }
        orders.put(k, order);
    }

    /** Whether the two gate sets share an instance. */
    static boolean shareGate(long[] a, HeldLocks b, int bLength) {
        for (long x : a) {
            for (int i = 0; i < bLength; i++) {
                if (x == b.instance(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    void clear() {
        orders.clear();
        dropped = 0;
    }
}
