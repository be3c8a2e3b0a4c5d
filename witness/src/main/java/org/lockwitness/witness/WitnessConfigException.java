package org.lockwitness.witness;

/**
 * A configuration file error, thrown by {@link WitnessConfig#parse} and {@link WitnessConfig#load}; the message names
 * the source and the line. Immutable once thrown, like any exception.
 */
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
