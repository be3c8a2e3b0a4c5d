package org.lockwitness.witnesstest;

/** A frame outside the witness's default frame filter, so tests can see what a stack records. */
public final class Caller {
    private Caller() {
    }

    /** Runs {@code body} below a frame of this class. */
    public static void run(Runnable body) {
        body.run();
    }
}
