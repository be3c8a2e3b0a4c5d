package org.lockwitness.agent.weave;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lockwitness.witness.Witness;
import org.lockwitness.witness.WitnessOptions;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** A class as the agent weaves it outside the model (call sites, default windows), and its code. */
final class WovenCode {

    private WovenCode() {
    }

    /** The class file of {@code type} after one transformation, as {@code windows=probes} weaves it. */
    static byte[] weave(Class<?> type) throws IOException {
        Witness witness = Witness.create(WitnessOptions.defaults());
        Weaver weaver = Weaving.weaver(witness, new WeaveSettings(Windows.PROBES, ClassPatterns.ALL, ClassPatterns.NONE,
                null), new Counters());
        return weaver.weave(type.getClassLoader(), ClassBytes.of(type));
    }

    /**
     * The calls ({@code owner.name(descriptor)}) and local-variable instructions ({@code opcode index})
     * of one method, in order.
     */
    static List<String> code(byte[] bytes, String method) {
        List<String> code = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return !name.equals(method) ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        code.add(owner + "." + n + d);
                    }

                    @Override
                    public void visitVarInsn(int opcode, int index) {
                        code.add(opcode + " " + index);
                    }
                };
            }
        }, 0);
        return code;
    }

    /** The methods one method calls ({@code owner.name}), in order. */
    static List<String> calls(byte[] bytes, String method) {
        return code(bytes, method).stream().filter(c -> c.contains("(")).map(c -> c.substring(0, c.indexOf('(')))
                .toList();
    }
}
