package org.lockwitness.agent.weave.jlock;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The first, read-only pass over a class: does it have anything to instrument (a
 * {@code synchronized} method, a {@code monitorenter} or {@code monitorexit}, a call in
 * {@link Targets}, a {@code new} of a lock type that {@link AllocationMethodVisitor} records), and
 * the first source line of each method, where a {@code synchronized} method's acquire is
 * reported, whether it has a {@code monitorenter} (a {@code synchronized} block, whose lock
 * may be a collection it made: {@link AllocationMethodVisitor}), and the number of locals of each
 * method whose monitor hooks share a local ({@link LockMethodVisitor}). A class with nothing to
 * instrument is not rewritten.
 *
 * <p>Thread-safety: one instance per transformation.
 */
final class Scan extends ClassVisitor {

    boolean needed;
    /** The class has a {@code synchronized} block. */
    boolean monitors;
    final Map<String, Integer> firstLines = new HashMap<>();
    /**
     * The original {@code max_locals} of each method that has a {@code monitorenter} or
     * {@code monitorexit}, a call whose hook takes the thread's state ({@code lock()},
     * {@code unlock()}), or is {@code synchronized}: the slot {@link LockMethodVisitor} adds after
     * them for the thread's state.
     */
    final Map<String, Integer> monitorLocals = new HashMap<>();

    Scan() {
        super(Opcodes.ASM9);
    }

    static boolean synchronizedMethod(int access) {
        return (access & Opcodes.ACC_SYNCHRONIZED) != 0 && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
        boolean sync = synchronizedMethod(access);
        if (sync) {
            needed = true;
        }
        String key = name + descriptor;
        return new MethodVisitor(Opcodes.ASM9) {
            private boolean monitor = sync;

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                    needed = true;
                    monitor = true;
                }
                if (opcode == Opcodes.MONITORENTER) {
                    monitors = true;
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String n, String d, boolean isInterface) {
                Targets.Hook hook = Targets.of(opcode, owner, n, d);
                if (hook != null) {
                    needed = true;
                    monitor |= hook.threaded();
                }
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (AllocationMethodVisitor.tracked(opcode, type)) {
                    needed = true;
                }
            }

            @Override
            public void visitLineNumber(int line, Label start) {
                firstLines.putIfAbsent(key, line);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                if (monitor) {
                    monitorLocals.put(key, maxLocals);
                }
            }
        };
    }
}
