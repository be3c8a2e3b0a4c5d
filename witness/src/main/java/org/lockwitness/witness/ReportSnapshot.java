package org.lockwitness.witness;

import java.util.List;

/** An immutable copy of everything the reports show, taken under the checker lock. */
record ReportSnapshot(RunInfo.Values run, List<LockClassInfo> classes, List<EdgeInfo> edges,
        List<Finding> findings) {

    ReportSnapshot {
        classes = List.copyOf(classes);
        edges = List.copyOf(edges);
        findings = List.copyOf(findings);
    }

    /** One lock class. */
    record LockClassInfo(String name, String kind, int flags, int refs) {
    }

    /** One order edge or reversal; {@code stack} is null when none was stored. */
    record EdgeInfo(String from, String to, int count, String site, List<String> stack, boolean reversal,
            boolean declared) {
    }
}
