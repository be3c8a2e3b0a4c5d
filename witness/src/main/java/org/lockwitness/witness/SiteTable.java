package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Call sites registered once by the instrumentation and passed to events as small int ids: the
 * {@code const char *file, int line} pair of every FreeBSD lock call, interned.
 * Id 0 is the unknown site. Thread-safe: every method synchronizes on the table (registration is
 * rare; lookups happen on the slow path and in reports).
 */
final class SiteTable {
    static final String UNKNOWN = "unknown:0";

    private final List<String> locations = new ArrayList<>(List.of(UNKNOWN));
    private final List<String> methods = new ArrayList<>(List.of("unknown"));
    private final Map<String, Integer> ids = new HashMap<>();

    synchronized int register(String file, int line, String method) {
        String location = (file == null ? "unknown" : file) + ":" + line;
        String m = method == null ? "unknown" : method;
        return ids.computeIfAbsent(location + " " + m, k -> {
            locations.add(location);
            methods.add(m);
            return locations.size() - 1;
        });
    }

    /** {@code file:line}, or null for 0 and for ids never handed out. */
    synchronized String location(int id) {
        return id <= 0 || id >= locations.size() ? null : locations.get(id);
    }

    synchronized String method(int id) {
        return id <= 0 || id >= methods.size() ? "unknown" : methods.get(id);
    }
}
