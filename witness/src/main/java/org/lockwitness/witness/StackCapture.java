package org.lockwitness.witness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Captures the current stack ({@code stack_save} in FreeBSD, {@code save_trace} in lockdep) with
 * {@link StackWalker}, skipping frames whose class name starts with one of the configured prefixes
 * (the model, the agent, the witness, the JDK), and chooses a site: the first frame that is not
 * skipped. A stack shows a line where an interrupt handler's frames end ({@link FrameBoundaries}).
 * A capture is a {@link CapturedStack}, printed only when needed. Only the slow path
 * calls it. Thread-safe.
 */
final class StackCapture {
    private final StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private final String[] prefixes;
    private final String[] stackPrefixes;
    private final int depth;
    private final FrameBoundaries boundaries;

    /**
     * @param prefixes skipped when choosing a site
     * @param stackPrefixes skipped in stacks
     */
    StackCapture(List<String> prefixes, List<String> stackPrefixes, int depth, FrameBoundaries boundaries) {
        this.prefixes = prefixes.toArray(new String[0]);
        this.stackPrefixes = stackPrefixes.toArray(new String[0]);
        this.depth = depth;
        this.boundaries = boundaries;
    }

    /**
     * The current stack, innermost first, at most {@code depth} frames not skipped, not yet printed,
     * with a boundary line ({@link FrameBoundaries}) where a handler's frames end.
     */
    CapturedStack capture() {
        if (depth == 0) {
            return new CapturedStack(List.of());
        }
        return new CapturedStack(walker.walk(s -> {
            List<Object> entries = new ArrayList<>();
            int frames = 0;
            int crossed = 0;
            for (Iterator<StackWalker.StackFrame> it = s.iterator(); it.hasNext() && frames < depth; ) {
                StackWalker.StackFrame f = it.next();
                String line = boundaries.at(f.getClassName(), f.getMethodName(), crossed);
                if (line != null) {
                    crossed++;
                    entries.add(line);
                } else if (!skipped(stackPrefixes, f.getClassName())) {
                    entries.add(f);
                    frames++;
                }
            }
            return entries;
        }));
    }

    /** {@code file:line} of the first frame not skipped, or {@code "unknown:0"}. */
    String site() {
        return walker.walk(s -> s.filter(f -> !skipped(prefixes, f.getClassName()))
                .findFirst()
                .map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse(SiteTable.UNKNOWN));
    }

    /**
     * The current stack of another, stopped, thread, filtered as {@link #capture} filters, innermost
     * first, at most {@code depth} frames.
     */
    List<StackTraceElement> of(Thread thread) {
        if (depth == 0) {
            return List.of();
        }
        return Arrays.stream(thread.getStackTrace()).filter(f -> !skipped(stackPrefixes, f.getClassName()))
                .limit(depth)
                .collect(Collectors.toList());
    }

    /**
     * Another thread's frames, innermost first, without the skipped ones and the hidden lambda
     * frames (as {@link StackWalker} leaves them out), at most {@code depth}, printed as a walked
     * frame is: {@code class.method(File:line)}.
     */
    List<String> frames(List<StackTraceElement> trace) {
        return trace.stream().filter(e -> !skipped(stackPrefixes, e.getClassName()) && !e.getClassName().contains("$$Lambda"))
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

    private static boolean skipped(String[] prefixes, String className) {
        for (String p : prefixes) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
