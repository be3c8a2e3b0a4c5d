package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The witness types by name and by class id, FreeBSD's {@code w_hash} and {@code w_data}. Id 0 is
 * never used ({@code w_index} 0 is unused in FreeBSD too); ids are dense, up to the class limit, at
 * most {@link LockId#MAX_CLASS_ID}. Types are created under the checker lock; {@link #byName(String)}
 * may be called without it.
 */
final class ClassTable {
    private final Map<String, WitnessType> byName = new ConcurrentHashMap<>();
    private final WitnessType[] byId;
    private int count;

    ClassTable(int limit) {
        byId = new WitnessType[limit + 1];
    }

    WitnessType byName(String name) {
        return byName.get(name);
    }

    WitnessType byId(int id) {
        return byId[id];
    }

    /** Creates a class, or returns null when the table is full. Caller holds the checker lock. */
    WitnessType create(String name) {
        if (count + 1 >= byId.length) {
            return null;
        }
        WitnessType c = new WitnessType(++count, name);
        byId[c.id] = c;
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
