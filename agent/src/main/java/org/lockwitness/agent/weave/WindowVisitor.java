package org.lockwitness.agent.weave;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

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
final class WindowVisitor extends AsmVisitorWrapper.AbstractBase {

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

    static boolean isKernelCode(TypeDescription type) {
        return has(type.getDeclaredAnnotations(), KERNEL_CODE) && !has(type.getDeclaredAnnotations(), NO_WINDOWS);
    }

    @Override
    public ClassVisitor wrap(TypeDescription type, ClassVisitor next, Implementation.Context context, TypePool pool,
            FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methods, int writerFlags,
            int readerFlags) {
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
                if (name.equals("<clinit>") || noWindows(methods, name, descriptor)) {
                    return mv;
                }
                return new Lines(mv, pool);
            }
        };
    }

    private static boolean noWindows(MethodList<?> methods, String name, String descriptor) {
        for (MethodDescription m : methods) {
            if (m.getInternalName().equals(name) && m.getDescriptor().equals(descriptor)) {
                return has(m.getDeclaredAnnotations(), NO_WINDOWS);
            }
        }
        return false;
    }

    private static boolean has(AnnotationList annotations, String name) {
        for (AnnotationDescription a : annotations) {
            if (a.getAnnotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean isShared(TypePool pool, String owner, String name) {
        String key = owner + '.' + name;
        Boolean known = shared.get(key);
        if (known == null) {
            known = resolveShared(pool, owner, name);
            shared.put(key, known);
        }
        return known;
    }

    private static boolean resolveShared(TypePool pool, String owner, String name) {
        TypePool.Resolution r = pool.describe(owner.replace('/', '.'));
        if (!r.isResolved()) {
            return false;
        }
        for (TypeDefinition t = r.resolve(); t != null; t = t.getSuperClass()) {
            for (FieldDescription f : t.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    return has(f.getDeclaredAnnotations(), SHARED);
                }
            }
        }
        return false;
    }

    /**
     * Adds windows before lines and {@code @Shared} field accesses. A line's window goes before the
     * line's first instruction, after any stack map frame at that offset, so a jump to the line
     * still lands on a frame.
     */
    private final class Lines extends BeforeInstruction {
        private final TypePool pool;
        private boolean pending;

        Lines(MethodVisitor next, TypePool pool) {
            super(next);
            this.pool = pool;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            super.visitLineNumber(line, start);
            pending = true;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (!pending && (opcode == Opcodes.GETFIELD || opcode == Opcodes.PUTFIELD) && isShared(pool, owner, name)) {
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
