package org.lockwitness.agent.weave;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Interrupt windows, in the same transformation as the probe advice. With {@code windows=lines}
 * it adds {@code Machine.window()} before every source line and before every GETFIELD/PUTFIELD of a
 * {@code @Shared} field in the methods of a {@code @KernelCode} class (never in a
 * {@code @NoWindows} method or a static initializer); with {@code windows=off} it removes the
 * model's own {@code Machine.window()} calls. Registered after the advice, it is the outer visitor
 * and sees only the method's original code, so no window lands inside woven advice.
 *
 * <p>Thread-safety: one instance serves all transformations; the {@code @Shared} cache is
 * concurrent.
 */
final class WindowVisitor {

    static final String MACHINE = "org/lockwitness/kernel/Machine";
    static final String WINDOW = "window";
    static final String NO_WINDOWS = ProbeAdvisor.PROBE_PACKAGE + "NoWindows";
    static final String KERNEL_CODE = ProbeAdvisor.PROBE_PACKAGE + "KernelCode";
    static final String SHARED = ProbeAdvisor.PROBE_PACKAGE + "Shared";

    private final boolean lines;
    private final Counters counters;
    private final ConcurrentMap<String, Boolean> shared = new ConcurrentHashMap<>();

    /**
     * @param lines true for {@code windows=lines}, false for {@code windows=off}
     * @param counters where woven and removed windows are counted
     */
    WindowVisitor(boolean lines, Counters counters) {
        this.lines = lines;
        this.counters = counters;
    }

    static boolean isKernelCode(ClassInfo type) {
        return type.has(KERNEL_CODE) && !type.has(NO_WINDOWS);
    }

    /**
     * @param type the class being transformed
     * @param lookup the classes of its transformation, for the {@code @Shared} fields of others
     * @param next the visitor the class goes on to
     * @return the visitor that adds (or, for {@code windows=off}, removes) the windows
     */
    ClassVisitor wrap(ClassInfo type, ClassLookup lookup, ClassVisitor next) {
        return new ClassVisitor(Opcodes.ASM9, next) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (mv == null) {
                    return null;
                }
                if (!lines) {
                    return new Strip(mv);
                }
                ClassInfo.Method m = type.method(name, descriptor);
                if (name.equals("<clinit>") || (m != null && m.has(NO_WINDOWS))) {
                    return mv;
                }
                return new Lines(mv, lookup);
            }
        };
    }

    private boolean isShared(ClassLookup lookup, String owner, String name) {
        String key = owner + '.' + name;
        Boolean known = shared.get(key);
        if (known == null) {
            known = resolveShared(lookup, owner, name);
            shared.put(key, known);
        }
        return known;
    }

    private static boolean resolveShared(ClassLookup lookup, String owner, String name) {
        ClassInfo declaring = lookup.firstInChain(owner, c -> c.fields.containsKey(name));
        if (declaring == null) {
            return false;
        }
        Map<String, Map<String, Object>> annotations = declaring.fields.get(name);
        return annotations.containsKey(SHARED);
    }

    /**
     * Adds windows before lines and {@code @Shared} field accesses. A line's window goes before the
     * line's first instruction, after any stack map frame at that offset, so a jump to the line
     * still lands on a frame.
     */
    private final class Lines extends BeforeInstruction {
        private final ClassLookup lookup;
        private boolean pending;

        Lines(MethodVisitor next, ClassLookup lookup) {
            super(next);
            this.lookup = lookup;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            super.visitLineNumber(line, start);
            pending = true;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (!pending && (opcode == Opcodes.GETFIELD || opcode == Opcodes.PUTFIELD) && isShared(lookup, owner, name)) {
                window();
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        void beforeInstruction() {
            if (pending) {
                pending = false;
                window();
            }
        }

        private void window() {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, MACHINE, WINDOW, "()V", false);
            counters.windowsWoven.incrementAndGet();
        }
    }

    /** Replaces the model's own windows by NOPs, which keeps every label and frame where it was. */
    private final class Strip extends MethodVisitor {
        Strip(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals(MACHINE) && name.equals(WINDOW)
                    && descriptor.equals("()V")) {
                counters.windowsStripped.incrementAndGet();
                super.visitInsn(Opcodes.NOP);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
