package org.lockwitness.witness;

import java.util.Arrays;
import java.util.List;

/**
 * A stack as {@link StackCapture} walked it, before it is printed: the frames themselves and what
 * identifies them (declaring class, method name, bytecode index), which is what lockdep's
 * {@code stack_trace_hash} compares (return addresses). Printing a frame resolves its file and
 * line and builds a string, the expensive part of a capture, so the {@link StackStore} looks a
 * stack up by its identity and prints it only when it is new. Equal identities print equally.
 * Immutable once built; not shared between threads.
 */
final class CapturedStack {
    private final StackWalker.StackFrame[] frames;
    private final Class<?>[] classes;
    private final String[] methods;
    private final int[] bcis;
    private final int hash;

    CapturedStack(List<StackWalker.StackFrame> walked) {
        int n = walked.size();
        frames = walked.toArray(new StackWalker.StackFrame[0]);
        classes = new Class<?>[n];
        methods = new String[n];
        bcis = new int[n];
        int h = 1;
        for (int i = 0; i < n; i++) {
            classes[i] = frames[i].getDeclaringClass();
            methods[i] = frames[i].getMethodName();
            bcis[i] = frames[i].getByteCodeIndex();
            h = 31 * (31 * (31 * h + classes[i].hashCode()) + methods[i].hashCode()) + bcis[i];
        }
        hash = h;
    }

    /** The printed frames, innermost first. */
    List<String> lines() {
        String[] lines = new String[frames.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = frames[i].toString();
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
                && Arrays.equals(methods, s.methods);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
