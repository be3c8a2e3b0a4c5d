package org.lockwitness.witness;

import java.util.List;

/**
 * One stack trace of a finding, with the heading that introduces it in {@code witness.txt}, for
 * example {@code "lock order A -> B established at:"} (FreeBSD's {@code stack_print} after
 * {@code witness_output}'s heading; lockdep's {@code print_stack_trace}). Frames are
 * {@code class.method(File.java:line)}, innermost first. Obtained from {@link Finding#stacks()}.
 * Immutable and thread-safe.
 */
public final class Backtrace {
    private final String title;
    private final List<String> frames;

    Backtrace(String title, List<String> frames) {
        this.title = title;
        this.frames = List.copyOf(frames);
    }

    /** The introducing line, without a trailing newline. */
    public String title() {
        return title;
    }

    /** The frames, innermost first; empty when no stack was recorded. */
    public List<String> frames() {
        return frames;
    }

    @Override
    public String toString() {
        return title + " " + frames;
    }
}
