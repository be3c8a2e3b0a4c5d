package org.lockwitness.witness;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Captures the current stack ({@code stack_save} in FreeBSD, {@code save_trace} in lockdep) with
 * {@link StackWalker}, skipping frames whose class name starts with one of the configured prefixes
 * (the model, the agent, the witness, the JDK), and chooses a site: the first frame that is not
 * skipped. A capture is a {@link CapturedStack}, printed only when needed. Only the slow path
 * calls it. Thread-safe.
 */
final class StackCapture {
    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private final String[] prefixes;
    private final int depth;

    StackCapture(List<String> prefixes, int depth) {
        this.prefixes = prefixes.toArray(new String[0]);
        this.depth = depth;
    }

    /** The current stack, innermost first, at most {@code depth} frames, not yet printed. */
    CapturedStack capture() {
        if (depth == 0) {
            return new CapturedStack(List.of());
        }
        return new CapturedStack(walker.walk(s -> s.filter(f -> !skipped(f.getClassName()))
                .limit(depth)
                .collect(Collectors.toList())));
    }

    /** {@code file:line} of the first frame not skipped, or {@code "unknown:0"}. */
    String site() {
        return walker.walk(s -> s.filter(f -> !skipped(f.getClassName()))
                .findFirst()
                .map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse(SiteTable.UNKNOWN));
    }

    /**
     * Another thread's frames, innermost first, without the skipped ones and the hidden lambda
     * frames (as {@link StackWalker} leaves them out), at most {@code depth}, printed as a walked
     * frame is: {@code class.method(File:line)}.
     */
    List<String> frames(List<StackTraceElement> trace) {
        return trace.stream().filter(e -> !skipped(e.getClassName()) && !e.getClassName().contains("$$Lambda"))
                .limit(depth)
                .map(e -> e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber()
                        + ")")
                .collect(Collectors.toList());
    }

    /** The frames of a throwable, innermost first, at most {@code depth}. */
    List<String> frames(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        int n = Math.min(trace.length, Math.max(depth, 1));
        String[] frames = new String[n];
        for (int i = 0; i < n; i++) {
            frames[i] = trace[i].toString();
        }
        return List.of(frames);
    }

    private boolean skipped(String className) {
        for (String p : prefixes) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
