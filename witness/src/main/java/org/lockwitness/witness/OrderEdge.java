package org.lockwitness.witness;

import java.util.List;

/**
 * One lock order {@code from -> to} between classes: the dependency kinds seen
 * ({@link OrderMatrix} bits), the first site and the first stack (FreeBSD's {@code w_lodata}
 * record; null when the stack store was full or the order was declared). Either an edge of the
 * order graph or a reversal, which never enters the graph. Guarded by the checker lock.
 */
final class OrderEdge {
    final int from;
    final int to;
    final boolean reversal;
    final boolean declared;
    int deps;
    final String siteText;
    final List<String> stack;

    OrderEdge(int from, int to, boolean reversal, boolean declared, String siteText, List<String> stack) {
        this.from = from;
        this.to = to;
        this.reversal = reversal;
        this.declared = declared;
        this.siteText = siteText;
        this.stack = stack;
    }

    static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFFFFFFL);
    }

    @Override
    public String toString() {
        return from + "->" + to + (reversal ? " (reversal)" : "");
    }
}
