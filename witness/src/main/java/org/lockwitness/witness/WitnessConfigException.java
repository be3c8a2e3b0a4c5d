package org.lockwitness.witness;

/** A configuration file error; the message names the source and the line. */
public final class WitnessConfigException extends Exception {
    private final int line;

    WitnessConfigException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line the error is on. */
    public int line() {
        return line;
    }
}
