package org.lockwitness.agent.weave;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The first source line of each method of a class file (its {@code LineNumberTable}'s first
 * entry): the line that a call woven on entry is given, so that a stack taken inside it names the
 * method's line, as a frame of the method itself would; and the line of a {@code @Requires} site.
 *
 * <p>Thread-safety: stateless.
 */
final class FirstLines {

    private FirstLines() {
    }

    /**
     * @param bytes a class file
     * @return the first line of each method that has one, by name and descriptor concatenated
     */
    static Map<String, Integer> of(byte[] bytes) {
        Map<String, Integer> lines = new HashMap<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                String key = name + descriptor;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLineNumber(int line, Label start) {
                        lines.putIfAbsent(key, line);
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        return lines;
    }
}
