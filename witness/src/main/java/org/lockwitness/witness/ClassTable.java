package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The witness types by name and by id, FreeBSD's {@code w_hash} and {@code w_data}. Id 0 is never
 * used ({@code w_index} 0 is unused in FreeBSD too). Classes are created under the checker lock;
 * {@link #byName(String)} may be called without it.
 */
final class ClassTable {
    private final Map<String, LockClass> byName = new ConcurrentHashMap<>();
    private final LockClass[] byId;
    private int count;

    ClassTable(int limit) {
        byId = new LockClass[limit + 1];
    }

    LockClass byName(String name) {
        return byName.get(name);
    }

    LockClass byId(int id) {
        return byId[id];
    }

    /** Creates a class, or returns null when the table is full. Caller holds the checker lock. */
    LockClass create(String name) {
        if (count + 1 >= byId.length) {
            return null;
        }
        LockClass c = new LockClass(++count, name);
        byId[c.id] = c;
        byName.put(name, c);
        return c;
    }

    /** All classes in id order. Caller holds the checker lock. */
    List<LockClass> all() {
        List<LockClass> all = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            all.add(byId[i]);
        }
        return all;
    }
}
