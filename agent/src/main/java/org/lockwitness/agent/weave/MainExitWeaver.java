package org.lockwitness.agent.weave;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts a call to {@code MainReturn.mainExit()} before every {@code return} of the launched class's
 * {@code public static void main(String[])}: the reports are written and {@code fail=}'s exit status
 * is set when {@code main} returns normally. A pass of its own over the class file, so that a main
 * class that never mentions the model loads none of the kernel weaving (the agent's start-up cost);
 * the call takes and leaves nothing on the stack, so the stack map frames and the maximum stack stay
 * as they are.
 *
 * <p>Thread-safety: stateless.
 */
final class MainExitWeaver {

    static final String MAIN_RETURN = "org/lockwitness/agent/MainReturn";
    static final String MAIN_EXIT = "mainExit";
    private static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";

    private MainExitWeaver() {
    }

    /**
     * @param bytes a class file
     * @return the class file with the exit call in its {@code main}, or null when it has no {@code main}
     */
    static byte[] weave(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] found = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (mv == null || !isMain(access, name, descriptor)) {
                    return mv;
                }
                found[0] = true;
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.RETURN) {
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, MAIN_RETURN, MAIN_EXIT, "()V", false);
                        }
                        super.visitInsn(opcode);
                    }
                };
            }
        }, 0);
        return found[0] ? writer.toByteArray() : null;
    }

    private static boolean isMain(int access, String name, String descriptor) {
        int wanted = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
        return (access & wanted) == wanted && name.equals("main") && descriptor.equals(MAIN_DESCRIPTOR);
    }
}
