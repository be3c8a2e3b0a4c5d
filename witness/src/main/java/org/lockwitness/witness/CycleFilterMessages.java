package org.lockwitness.witness;

/**
 * The sentences with which a {@link CycleFilter} qualifies a finding's message: each says which
 * filter let the cycle pass and why, so that a reader of any report sees it. Stateless.
 */
final class CycleFilterMessages {

    private CycleFilterMessages() {
    }

    static String singleThread(String thread) {
        return "not failing (" + CycleFilter.SINGLE_THREAD.label() + "): every order of this cycle was taken by"
                + " thread \"" + thread + "\" only, which cannot deadlock with itself";
    }

    static String gate(String gate) {
        return "not failing (" + CycleFilter.GATE_LOCK.label() + "): guarded by gate lock \"" + gate
                + "\", held at every acquire that took an order of this cycle";
    }

    static String startJoin(String before, String after) {
        return "not failing (" + CycleFilter.START_JOIN.label() + "): cannot overlap: thread \"" + before
                + "\" joined before thread \"" + after + "\" started (or took its order before starting it),"
                + " by Thread.start and Thread.join";
    }

    static String readRead() {
        return "not failing (" + CycleFilter.READ_READ.label() + "): every lock of this cycle was only ever read;"
                + " no write acquire of any of them was seen, and readers block each other only behind a"
                + " waiting writer";
    }
}
