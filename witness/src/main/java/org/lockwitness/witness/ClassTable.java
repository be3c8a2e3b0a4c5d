package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The witness types by name and by class id, FreeBSD's {@code w_hash} and {@code w_data}. Id 0 is
 * never used ({@code w_index} 0 is unused in FreeBSD too); ids are dense, up to the class limit, at
 * most {@link LockId#MAX_CLASS_ID}. The id array grows with the classes created, not with the limit.
 * Types are created under the checker lock; {@link #byName(String)} may be called without it, and
 * {@link #byId(int)} for a type whose lock id was handed out (the array is republished through a
 * volatile field when it grows).
 */
final class ClassTable {
    private final Map<String, WitnessType> byName = new ConcurrentHashMap<>();
    private final int limit;
    private volatile WitnessType[] byId = new WitnessType[64];
    private int count;

    ClassTable(int limit) {
        this.limit = limit;
    }

    WitnessType byName(String name) {
        return byName.get(name);
    }

    WitnessType byId(int id) {
        return byId[id];
    }

    /** Creates a class, or returns null when the table is full. Caller holds the checker lock. */
    WitnessType create(String name) {
        if (count >= limit) {
            return null;
        }
        WitnessType c = new WitnessType(++count, name);
        WitnessType[] ids = byId;
        if (c.id >= ids.length) {
            ids = Arrays.copyOf(ids, Math.max(c.id + 1, ids.length * 2));
        }
        ids[c.id] = c;
        byId = ids;
        byName.put(name, c);
        return c;
    }

    /** All classes in id order. Caller holds the checker lock. */
    List<WitnessType> all() {
        List<WitnessType> all = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            all.add(byId[i]);
        }
        return all;
    }
}
