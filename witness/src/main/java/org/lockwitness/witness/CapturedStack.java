package org.lockwitness.witness;

import java.util.Arrays;
import java.util.List;

/**
 * A stack as {@link StackCapture} walked it, before it is printed: the frames themselves and what
 * identifies them (declaring class, method name, bytecode index), which is what lockdep's
 * {@code stack_trace_hash} compares (return addresses), and the boundary lines between them
 * ({@link FrameBoundaries}). Printing a frame resolves its file and line and builds a string, the
 * expensive part of a capture, so the {@link StackStore} looks a stack up by its identity and
 * prints it only when it is new. Equal identities print equally. Immutable once built; not shared
 * between threads.
 */
final class CapturedStack {
    private final StackWalker.StackFrame[] frames;
    private final String[] boundaries;
    private final Class<?>[] classes;
    private final String[] methods;
    private final int[] bcis;
    private final int hash;

    /** @param walked innermost first: each a {@link StackWalker.StackFrame} or a boundary line */
    CapturedStack(List<?> walked) {
        int n = walked.size();
        frames = new StackWalker.StackFrame[n];
        boundaries = new String[n];
        classes = new Class<?>[n];
        methods = new String[n];
        bcis = new int[n];
        int h = 1;
        for (int i = 0; i < n; i++) {
            Object e = walked.get(i);
            if (e instanceof StackWalker.StackFrame f) {
                frames[i] = f;
                classes[i] = f.getDeclaringClass();
                methods[i] = f.getMethodName();
                bcis[i] = f.getByteCodeIndex();
                h = 31 * (31 * (31 * h + classes[i].hashCode()) + methods[i].hashCode()) + bcis[i];
            } else {
                boundaries[i] = (String) e;
                h = 31 * h + boundaries[i].hashCode();
            }
        }
        hash = h;
    }

    /** The printed frames and boundary lines, innermost first. */
    List<String> lines() {
        String[] lines = new String[frames.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = frames[i] != null ? frames[i].toString() : boundaries[i];
        }
        return List.of(lines);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CapturedStack)) {
            return false;
        }
        CapturedStack s = (CapturedStack) o;
        return hash == s.hash && Arrays.equals(bcis, s.bcis) && Arrays.equals(classes, s.classes)
                && Arrays.equals(methods, s.methods) && Arrays.equals(boundaries, s.boundaries);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
