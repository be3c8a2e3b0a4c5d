package org.lockwitness.agent.weave;

import org.lockwitness.agent.runtime.Sites;
import org.lockwitness.witness.Witness;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.LocalVariablesSorter;

/**
 * Call-site instrumentation of a class outside the model: every call to a probe-annotated model
 * method gets {@code prev = Sites.enter(id)} before it and {@code Sites.exit(prev)} after it, where
 * {@code id} is a constant registered now from the caller's source file and current line (the
 * LineNumberTable) and the callee's name, and {@code prev} a local of the caller (one per method:
 * a call's arguments are evaluated before its {@code enter}, so the pairs of one method never
 * nest). The local is live only between the two calls, where no frame falls, so it is reserved
 * without a type in the method's frames (a frame that named it would be wrong at a branch target
 * reached before its first store). The class must be read with expanded frames, which the local's
 * allocation needs. The model's own calls are never instrumented, so the
 * site of any event is a line outside the model. A call to a {@code @LockWrapper} method is
 * surrounded the same way, and the probe calls inside such a method are not, so its lock
 * operations keep its caller's line (FreeBSD's {@code LOCK_FILE}/{@code LOCK_LINE}).
 *
 * <p>Thread-safety: one instance serves all transformations; per-class state lives in the visitors.
 */
final class CallSiteVisitor {

    private static final String SITES = Sites.class.getName().replace('.', '/');

    private final Witness witness;
    private final ProbeTargets targets;
    private final Counters counters;

    CallSiteVisitor(Witness witness, ProbeTargets targets, Counters counters) {
        this.witness = witness;
        this.targets = targets;
        this.counters = counters;
    }

    /**
     * @param type the class being transformed
     * @param lookup the classes of its transformation
     * @param next the visitor the instrumented class goes on to
     * @return the visitor that instruments the class's call sites
     */
    ClassVisitor wrap(ClassInfo type, ClassLookup lookup, ClassVisitor next) {
        return new ClassVisitor(Opcodes.ASM9, next) {
            private String file = type.simpleName() + ".java";

            @Override
            public void visitSource(String source, String debug) {
                if (source != null) {
                    file = source;
                }
                super.visitSource(source, debug);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                return mv == null || ProbeTargets.isWrapper(type.method(name, descriptor)) ? mv
                        : new Calls(access, descriptor, mv, lookup, file);
            }
        };
    }

    /** Surrounds the probe calls of one method. */
    private final class Calls extends LocalVariablesSorter {
        private final ClassLookup lookup;
        private final String file;
        private int line;
        private int prev = -1;

        Calls(int access, String descriptor, MethodVisitor next, ClassLookup lookup, String file) {
            super(Opcodes.ASM9, access, descriptor, next);
            this.lookup = lookup;
            this.file = file;
        }

        @Override
        public void visitLineNumber(int number, Label start) {
            line = number;
            super.visitLineNumber(number, start);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (!targets.isProbe(lookup, owner, name, descriptor)) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                return;
            }
            if (prev < 0) {
                prev = newLocalMapping(Type.INT_TYPE);
            }
            String callee = owner.substring(owner.lastIndexOf('/') + 1) + "." + name;
            mv.visitLdcInsn(witness.site(file, line, callee));
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, SITES, "enter", "(I)I", false);
            mv.visitVarInsn(Opcodes.ISTORE, prev);
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            mv.visitVarInsn(Opcodes.ILOAD, prev);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, SITES, "exit", "(I)V", false);
            counters.callSites.incrementAndGet();
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(prev >= 0 ? maxStack + 1 : maxStack, maxLocals);
        }
    }
}
