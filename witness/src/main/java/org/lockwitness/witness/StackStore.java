package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored stacks of the order edges and reversals, deduplicated and numbered: FreeBSD's
 * {@code w_lodata} stack records ({@code WITNESS_LO_DATA_COUNT} of them) and lockdep's
 * {@code stack_trace} store with its hash of stacks ({@code save_trace}, {@code stack_trace_hash}).
 * An edge holds a stack id; 0 is none.
 *
 * <h2>Design</h2>
 * A stack is stored once, however many edges share it: it is looked up by its frames' identity
 * ({@link CapturedStack}) and printed only when new. The store holds at most
 * {@link WitnessOptions#stackStoreLimit} distinct stacks for new orders: once it is full, an order
 * stack is no longer even captured (FreeBSD: {@code w_lofree} empty), so the order graph keeps
 * working without stacks; the edges then report their stack as missing. The stack of a reversal is
 * always kept, as the reversal is a finding; it counts towards the limit. Stacks are forgotten only
 * by {@link #clear}, with the orders.
 *
 * <p>Not thread-safe: used only under the checker lock.
 */
final class StackStore {
    private final int limit;
    private final List<List<String>> stacks = new ArrayList<>();
    private final Map<CapturedStack, Integer> ids = new HashMap<>();

    StackStore(int limit) {
        this.limit = limit;
    }

    /** True once the store holds {@code limit} stacks: order stacks are dropped from then on. */
    boolean full() {
        return stacks.size() >= limit;
    }

    /** The id of this stack, stored and printed if new (regardless of the limit). */
    int intern(CapturedStack stack) {
        Integer id = ids.get(stack);
        if (id != null) {
            return id;
        }
        stacks.add(stack.lines());
        ids.put(stack, stacks.size());
        return stacks.size();
    }

    /** The stack of an id, or null for 0. */
    List<String> get(int id) {
        return id == 0 ? null : stacks.get(id - 1);
    }

    void clear() {
        stacks.clear();
        ids.clear();
    }
}
