package org.lockwitness.agent.weave;

import java.io.IOException;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.lockwitness.witness.Witness;

/**
 * Registers the site of a {@code @Requires} method: its source file and first line, read from the
 * class file, and its name, which the witness uses as the finding's key.
 *
 * <p>Thread-safety: stateless; the witness's site table is thread-safe.
 */
final class Requirements {

    private final Witness witness;

    Requirements(Witness witness) {
        this.witness = witness;
    }

    int site(ClassLoader loader, TypeDescription type, MethodDescription m) {
        String[] file = {type.getSimpleName() + ".java"};
        int[] line = {0};
        try {
            byte[] bytes = ClassFileLocator.ForClassLoader.of(loader).locate(type.getName()).resolve();
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String source, String debug) {
                    if (source != null) {
                        file[0] = source;
                    }
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    if (!name.equals(m.getInternalName()) || !descriptor.equals(m.getDescriptor())) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLineNumber(int number, Label start) {
                            if (line[0] == 0) {
                                line[0] = number;
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES);
        } catch (IOException | RuntimeException e) {
            witness.fault(e, "reading the source lines of " + type.getName());
        }
        return witness.site(file[0], line[0], type.getSimpleName() + "." + m.getInternalName());
    }
}
