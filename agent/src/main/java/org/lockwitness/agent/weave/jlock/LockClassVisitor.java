package org.lockwitness.agent.weave.jlock;

import org.lockwitness.witness.Witness;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The rewriting pass over a class that {@link Scan} found something in: keeps the class's name,
 * version and source file for its methods, and wraps each method with a {@link LockMethodVisitor}
 * followed by an {@link AllocationMethodVisitor}.
 *
 * <p>Thread-safety: one instance per transformation.
 */
final class LockClassVisitor extends ClassVisitor {

    final Witness witness;
    final Scan scan;
    String owner;
    String file;
    int version;
    /** The instrumented places, for the counters. */
    int sites;

    LockClassVisitor(ClassVisitor next, Witness witness, Scan scan) {
        super(Opcodes.ASM9, next);
        this.witness = witness;
        this.scan = scan;
    }

    @Override
    public void visit(int v, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        version = v & 0xFFFF;
        file = name.substring(name.lastIndexOf('/') + 1).replaceFirst("\\$.*", "") + ".java";
        super.visit(v, access, name, signature, superName, interfaces);
    }

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
        if (mv == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return mv;
        }
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        boolean sync = Scan.synchronizedMethod(access) && !(isStatic && version < Opcodes.V1_5);
        return new LockMethodVisitor(new AllocationMethodVisitor(mv, this), this, name, isStatic, sync,
                scan.firstLines.getOrDefault(name + descriptor, 0), scan.monitorLocals.getOrDefault(name + descriptor, -1));
    }

    /** The site id of {@code file:line}, named after what happens there. */
    int site(int line, String what) {
        sites++;
        return witness.site(file, line, what);
    }

    /** The binary name of an internal name. */
    static String binary(String internalName) {
        return internalName.replace('/', '.');
    }
}
