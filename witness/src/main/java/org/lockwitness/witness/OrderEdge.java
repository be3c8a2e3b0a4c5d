package org.lockwitness.witness;

/**
 * One lock order {@code from -> to} between classes: the first site and the first stack (FreeBSD's
 * {@code w_lodata} record), the stack as an id into the {@link StackStore}, 0 when the store was
 * full or the order was declared. Either an edge of the order graph or a reversal, which never
 * enters the graph. The dependency kinds of an edge are kept by the graph. Immutable but for
 * {@link #established}, which the cycle filters change under the checker lock.
 */
final class OrderEdge {
    final int from;
    final int to;
    final boolean reversal;
    final boolean declared;
    final String siteText;
    final int stack;
    /** Who took this order, for the {@link CycleFilter}s; set when an edge enters the graph. */
    Establishers established = Establishers.declared();

    OrderEdge(int from, int to, boolean reversal, boolean declared, String siteText, int stack) {
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
