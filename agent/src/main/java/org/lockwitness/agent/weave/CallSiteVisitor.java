package org.lockwitness.agent.weave;

import org.lockwitness.agent.runtime.Sites;
import org.lockwitness.witness.Witness;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Call-site instrumentation of a class outside the model: every call to a probe-annotated model
 * method gets {@code Sites.enter(id)} before it and {@code Sites.exit()} after it, where {@code id}
 * is a constant registered now from the caller's source file and current line (the
 * LineNumberTable) and the callee's name. The model's own calls are never instrumented, so the
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
                        : new Calls(mv, lookup, file);
            }
        };
    }

    /** Surrounds the probe calls of one method. */
    private final class Calls extends MethodVisitor {
        private final ClassLookup lookup;
        private final String file;
        private int line;
        private boolean added;

        Calls(MethodVisitor next, ClassLookup lookup, String file) {
            super(Opcodes.ASM9, next);
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
            String callee = owner.substring(owner.lastIndexOf('/') + 1) + "." + name;
            super.visitLdcInsn(witness.site(file, line, callee));
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SITES, "enter", "(I)V", false);
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SITES, "exit", "()V", false);
            added = true;
            counters.callSites.incrementAndGet();
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(added ? maxStack + 1 : maxStack, maxLocals);
        }
    }
}
